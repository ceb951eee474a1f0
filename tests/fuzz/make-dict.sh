#!/bin/sh
# Writes sscp.dict, the libFuzzer dictionary: every key of the data format
# (read from the schema tables, so it follows them) and the tokens that
# shape YAML and the format's values. Run it after changing the schema.
#
#   tests/fuzz/make-dict.sh
set -eu
cd "$(dirname "$0")"
{
    echo "# The data format's keys and tokens, for libFuzzer (-dict=sscp.dict)."
    echo "# Written by make-dict.sh from src/data/schema_defs.c: do not edit."
    grep -o '{"[a-z_0-9]*", &' ../../src/data/schema_defs.c | sed 's/{"\([a-z_0-9]*\)".*/\1/' |
        sort -u | while read -r k; do printf 'key_%s="%s:"\n' "$k" "$k"; done
    cat <<'TOKENS'
yaml_item="- "
yaml_map_open="{"
yaml_map_close="}"
yaml_seq_open="["
yaml_seq_close="]"
yaml_anchor="&a "
yaml_alias="*a"
yaml_merge="<<: "
yaml_doc="---"
yaml_doc_end="..."
yaml_comment=" # "
yaml_literal="|"
yaml_folded=">"
yaml_tag="!!str "
yaml_quote="\""
yaml_squote="'"
yaml_indent="\x0a  "
yaml_tab="\x09"
value_year="2019-20"
value_prev_year="2018-19"
value_date="2019-10-01"
value_bad_date="2019-02-30"
value_percent="21.4%"
value_money="13800.50"
value_big="99999999999999999999"
value_not_available="not available"
value_not_applicable="not applicable"
value_x="[x]"
value_z="[z]"
value_c="[c]"
value_yes="yes"
value_no="no"
value_format="format: 1"
partner_smbc="smbc"
partner_gmp="gmp"
partner_ccg="ccg"
partner_ssab="ssab"
cut="\x0a---8<---\x0a"
utf8_pound="\xc2\xa3"
utf8_bad="\xc3\x28"
nul="\x00"
bom="\xef\xbb\xbf"
TOKENS
} >sscp.dict
echo "wrote $(grep -c '^[a-z]' sscp.dict) entries to tests/fuzz/sscp.dict"
