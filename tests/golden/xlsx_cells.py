#!/usr/bin/env python3
"""Prints every cell of an unzipped workbook, sheet by sheet: its reference,
its formula (with =) and its value (shared strings resolved), then each
named table's range and header. For comparing workbooks as values.

    xlsx_cells.py UNZIPPED_DIR
"""
import sys,os,re
d=sys.argv[1]
ss=[]
p=os.path.join(d,'xl/sharedStrings.xml')
if os.path.exists(p):
    s=open(p).read()
    for si in re.findall(r'<si>(.*?)</si>',s,re.S):
        ss.append(''.join(re.findall(r'<t[^>]*>(.*?)</t>',si,re.S)))
wb=open(os.path.join(d,'xl/workbook.xml')).read()
names=re.findall(r'<sheet name="([^"]*)"',wb)
for i,n in enumerate(names,1):
    print('== sheet',n)
    x=open(os.path.join(d,'xl/worksheets/sheet%d.xml'%i)).read()
    for c in re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)',x,re.S):
        ref,attrs,body=c
        f=re.search(r'<f>(.*?)</f>',body or '')
        v=re.search(r'<v>(.*?)</v>',body or '')
        val=v.group(1) if v else ''
        if 't="s"' in attrs and v: val=ss[int(val)]
        print(ref, ('='+f.group(1)+' ') if f else '', val)
tdir=os.path.join(d,'xl/tables')
rows=[]
for t in os.listdir(tdir) if os.path.isdir(tdir) else []:
    s=open(os.path.join(tdir,t)).read()
    rows.append('table %s %s %s' % (re.search(r'name="([^"]*)"',s).group(1), re.search(r'ref="([^"]*)"',s).group(1), re.findall(r'tableColumn id="\d+" name="([^"]*)"',s)))
# By name: the order tables are numbered in is the writer's business.
for r in sorted(rows):
    print(r)
