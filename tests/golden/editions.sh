#!/bin/sh
# A year under an edition the program has never seen (a made-up one in a
# templates folder of its own): its duties are checked, publish holds the
# copies to its recipients and its ten days, the record keeps them with a
# name that needs quoting, and a record written before the terms were kept
# is read against today's, saying so.
#
#   editions.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
export NO_COLOR=1

# The partnership's folder is $tmp/p, so that out/ there is not $tmp/out.
mkdir "$tmp/p" && cd "$tmp/p" || exit 1
cp -R "$src/tests/fixtures/testford" data
cp -R "$src/tests/fixtures/edition-templates" tpl
fonts=$src/fonts

# The edition's duty `voice` has no section yet: an error at report.yaml.
run 1 build 2023-24 --final --templates tpl --fonts "$fonts"
has err "error: report.yaml does not say which sections meet the duty \`voice\` of Test Guidance"
printf '  voice: [purpose]\n' >>tpl/report.yaml
printf 'What was learnt from the reviews of the year.\n' >data/2023-24/narrative/reviews.md
run 0 build 2023-24 --final --templates tpl --fonts "$fonts"
run 0 status 2023-24 --templates tpl --fonts "$fonts"
has out "What the Test Guidance asks for"
has out "  covered  what was learnt from reviews"
has out "  Under The Test Guidance 2001, in force from 1 April 2001."
has out "  1 of its facts are not confirmed against the published text; check those marked"
has out "\`confirmed: no\` in tpl/guidance/test-edition.yaml"

# ---- publish: the edition's recipient, deadline and words -------------------------
# A recipient partnership.yaml adds must have an address: refused at its line.
cp data/partnership.yaml "$tmp/partnership.yaml"
printf 'recipients:\n  - {id: inspectorate, name: The Inspectorate}\n' >>data/partnership.yaml
run 1 publish 2023-24 --date 2024-09-30 --templates tpl --fonts "$fonts"
has err "data/partnership.yaml:16:5: error: the recipient \`inspectorate\` (The Inspectorate) has no address"
has err "  hint: add \`email:\` to its entry under \`recipients:\`; publish refuses until every recipient has one"
[ ! -e data/2023-24/publication.yaml ] || fail "a refused publish left a record"
# An entry that gives only an address, for a recipient the edition does not
# name, corrects another edition's recipient: not used for this year.
cp "$tmp/partnership.yaml" data/partnership.yaml
printf 'recipients:\n  - {id: dfe, email: reports@dfe.example}\n' >>data/partnership.yaml
run 0 publish 2023-24 --date 2024-09-30 --templates tpl --fonts "$fonts"
has out "Wrote out/2023-24/submission/manifest.yaml and 1 message to send by 10 October 2024 (Test Guidance):"
has out "Not sent: Test Guidance names no recipient \`dfe\`, and partnership.yaml gives it only an address (data/partnership.yaml:16:5)"
[ ! -e out/2023-24/submission/dfe.eml ] || fail "a message to a recipient the edition does not name"
cp "$tmp/partnership.yaml" data/partnership.yaml
has out "  out/2023-24/submission/office.eml  to The Office: for \"Tests\" <office@tests.example>"
man=out/2023-24/submission/manifest.yaml
grep -q '^send_by: 2024-10-10   # Test Guidance: within ten days$' $man ||
    fail "manifest: not the edition's deadline: $(cat $man)"
grep -qF '  - {id: office, name: "The Office: for \"Tests\"", email: "office@tests.example", message: "office.eml"}' $man ||
    fail "manifest: the recipient is not quoted safely: $(cat $man)"
rec=data/2023-24/publication.yaml
grep -qF '      - {id: office, name: "The Office: for \"Tests\"", email: "office@tests.example"}' $rec ||
    fail "record: the recipient is not kept: $(cat $rec)"
grep -q '^    guidance_name: "The Test Guidance 2001"$' $rec || fail "record: no edition: $(cat $rec)"
tr -d '\r' <out/2023-24/submission/office.eml | tr '\n' ' ' | grep -q "As the Test Guidance asks, a copy is attached\." ||
    fail "the message lacks the edition's covering note"
grep -q '^Dear colleagues,' out/2023-24/submission/office.eml ||
    fail "the message greets the recipient wrongly"
SSCP_TODAY=2024-10-01 run 0 status 2023-24 --templates tpl --fonts "$fonts"
has out "  under The Test Guidance 2001, as recorded then"
has out "  The Office: for \"Tests\"                          due in 9 days"
run 0 publish 2023-24 --sent office --date 2024-10-09 --templates tpl
has out "Recorded: sent to The Office: for \"Tests\" on 9 October 2024, within the 10 days"

# ---- a record from before the terms were kept -------------------------------------
cat >$rec <<'END'
format: 1
events:
  - {event: published, date: 2024-09-30, report: ab12}
END
SSCP_TODAY=2024-10-01 run 0 status 2023-24 --templates tpl --fonts "$fonts"
has out "  published before sscp-report recorded the recipients and the deadline:"
has out "  these are today's, from test-edition and partnership.yaml"
has out "  The Office: for \"Tests\"                          due in 9 days"
run 0 publish 2023-24 --sent office --date 2024-10-12 --templates tpl
has out "Note: 2023-24 was published before sscp-report recorded the recipients and the deadline; using today's, from test-edition and partnership.yaml."
has out "Recorded: sent to The Office: for \"Tests\" on 12 October 2024, 2 days late"

echo "ok: an edition as data, its duties, recipients and deadline, and the publication record"
