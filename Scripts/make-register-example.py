#!/usr/bin/env python3
"""Writes the example register (Examples/register/register.xlsx) and the workbooks the tests
of the xlsx reader read (Tests/XLSXTests/Fixtures/), with openpyxl.

The example is a facility register (养老机构名录) of 卫滨区 (410703) as a bureau keeps it:
a title row merged across the sheet, Chinese headers, a township merged down its rows,
opening dates as Excel dates, a number stored as text, a formula with its cached value, a
hidden row, and coordinates in BD-09 (Baidu). Its facilities are INVENTED (names, beds,
places); the townships, communities and villages are Weibin's real ones. Sheet 机构名录 holds
deliberate mistakes, listed in MISTAKES below and in Examples/register/README.md; sheet 更正后
is the same register with the errors corrected.

openpyxl writes no cached value for a formula and no inline string, so the parts of the
workbook that need them are rewritten after it is saved (see `patch`).

Usage: Scripts/make-register-example.py   (from the repository's root; deterministic)
"""
import datetime
import io
import math
import re
import zipfile

import openpyxl
from openpyxl.styles import Font

TITLE = "卫滨区养老机构名录（示例：虚构机构，真实区划）"
HEADER = ["序号", "机构名称", "机构类型", "机构性质", "所属乡镇（街道）", "所属社区（村）", "地址",
          "床位数（张）", "护理型床位数", "经度", "纬度", "开业时间", "星级"]

# GCJ-02 points near the places (the county's and the townships' points of
# Scenarios/weibin/regions.csv, moved by a few hundred metres); converted to BD-09 below.
ROWS = [
    # name, type, ownership, township, community, address, beds, nursing, (lon, lat) GCJ-02, opened, stars
    ("卫滨区社会福利中心", "养老机构", "公办", "胜利路街道", "新华社区居委会", "胜利路12号", 150, 80,
     (113.8702, 35.3051), datetime.date(2008, 5, 1), 3),
    ("胜利路街道综合养老服务中心", "街道综合养老服务中心", "公办", "胜利路街道", "胜利社区", "南环路8号", 30, 10,
     (113.8731, 35.2992), datetime.date(2019, 9, 1), 0),
    ("康乐养老院", "养老机构", "民办", "解放路街道", "崇智社区居民委员会", "解放路66号", 120, 130,
     (113.8611, 35.3088), datetime.date(2016, 3, 18), 2),
    ("颐和园养护中心", "养老机构", "民办", "健康路街道", "健南社区", "健康路101号", 5000, 1200,
     (113.8775, 35.2943), datetime.date(2019, 11, 8), 2),
    ("自由路社区养老服务站", "社区养老服务站", "公办", "自由路街道", "自由路社区", "自由路3号", 10, 0,
     None, datetime.date(2020, 6, 30), 0),
    ("铁西敬老院", "特困人员供养服务设施", "公办", "铁西街道", "中南社区", "铁西路20号", 60, 20,
     (35.3049, 113.8541), datetime.date(2005, 1, 1), 1),
    ("中北社区日间照料中心", "养老公寓", "公建民营", "铁西街道", "中北社区", "中北街5号", 20, 5,
     (113.8519, 35.3061), datetime.date(2018, 4, 1), 0),
    ("南桥颐养院", "养老机构", "民办", "南桥街道", "锦绣社区", "南桥路88号", 200, None,
     (116.4040, 39.9150), datetime.date(2017, 8, 15), 2),
    ("平原镇敬老院", "特困人员供养服务设施", "公办", "平原镇", "十里铺村", "平原镇十里铺村", 80, 30,
     (113.8503, 35.2551), datetime.date(2003, 10, 1), 2),
    ("平原镇敬老院", "特困人员供养服务设施", "公办", "平原镇", "十里铺村", "平原镇十里铺村", 80, 30,
     (113.8503, 35.2551), datetime.date(2003, 10, 1), 2),
    ("西高村幸福院", "农村幸福院", "公办", "平原镇", "西高村", "平原镇西高村", 0, 0,
     (113.8412, 35.2488), datetime.date(2019, 5, 20), 0),
]
# The mistakes of sheet 机构名录, by row of ROWS (0-based), and what corrects them.
MISTAKES = {
    1: ("所属社区（村）", "胜利社区 is no community of 胜利路街道 (error; did you mean 胜文社区)", "胜文社区"),
    2: ("护理型床位数", "130 nursing beds in 120 beds (error)", 60),
    3: ("床位数（张）", "5,000 beds is implausible (warning)", None),
    4: ("经度", "no coordinates (warning)", None),
    5: ("经度", "longitude and latitude swapped (error)", "swap"),
    6: ("机构类型", "养老公寓 is no facility type (error)", "日间照料中心"),
    7: ("经度", "a point in Beijing, outside the district (warning)", None),
    9: ("机构名称", "row 12 repeats row 11 and is hidden (warnings)", None),
}
SHEET_ROW = 3  # the sheet row of ROWS[0]: title, header, then data


def gcj02_to_bd09(lon, lat):
    """Baidu's published GCJ-02 → BD-09 formula."""
    k = math.pi * 3000.0 / 180.0
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * k)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * k)
    return round(z * math.cos(theta) + 0.0065, 6), round(z * math.sin(theta) + 0.006, 6)


def register_sheet(workbook, name, corrected):
    sheet = workbook.create_sheet(name)
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(bold=True)
    sheet.append(HEADER)
    for index, (name_, kind, ownership, township, community, address, beds, nursing, point,
                opened, stars) in enumerate(ROWS):
        if corrected and index in MISTAKES and MISTAKES[index][2] is not None:
            column, _, fix = MISTAKES[index]
            if column == "所属社区（村）":
                community = fix
            elif column == "护理型床位数":
                nursing = fix
            elif column == "机构类型":
                kind = fix
            elif fix == "swap":
                point = (point[1], point[0])
        lon, lat = ("", "")
        if point is not None:
            # A swapped pair is kept swapped: it is converted as written.
            lon, lat = gcj02_to_bd09(*point) if point[0] > point[1] else tuple(
                reversed(gcj02_to_bd09(point[1], point[0])))
        row = [index + 1, name_, kind, ownership, township, community, address, beds,
               nursing if nursing is not None else 0, lon, lat, opened, stars]
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=12).number_format = "yyyy-mm-dd"
    # 平原镇 merged down its rows (a bureau's habit): only the top cell keeps its text.
    first = SHEET_ROW + 8
    sheet.merge_cells(start_row=first, start_column=5, end_row=first + 2, end_column=5)
    # The duplicate row is hidden.
    sheet.row_dimensions[SHEET_ROW + 9].hidden = True
    # A number stored as text (Excel's green triangle).
    sheet.cell(row=SHEET_ROW + 2, column=8).value = "120"
    return sheet


def shared(files, extra=()):
    """Moves the inline strings openpyxl writes into a shared-string table, as Excel keeps
    them (xl/sharedStrings.xml, with its content type and relationship); `extra` adds
    string items of raw XML at the end, for cells to name."""
    strings, index = [], {}

    def replace(match):
        text = match.group(2)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return '<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(3) or "", index[text])

    pattern = re.compile(r'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"><is><t>(.*?)</t></is></c>')
    for name in [n for n in files if n.startswith("xl/worksheets/")]:
        text = files[name].decode("utf-8")
        text = pattern.sub(lambda m: replace_groups(m, replace), text)
        files[name] = text.encode("utf-8")
    items = ["<si><t>%s</t></si>" % text for text in strings] + list(extra)
    files["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
        'uniqueCount="%d">%s</sst>' % (len(items), len(items), "".join(items))).encode("utf-8")
    types = files["[Content_Types].xml"].decode("utf-8")
    types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                          '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    files["[Content_Types].xml"] = types.encode("utf-8")
    rels = files["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdShared" Type="http://schemas.'
                        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                        'Target="sharedStrings.xml"/></Relationships>')
    files["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    return len(strings)


def replace_groups(match, replace):
    """Adapts the match of (cell, style, text) to `replace`'s (cell, text, style)."""
    class Groups:
        def group(self, number):
            return {1: match.group(1), 2: match.group(3), 3: match.group(2)}[number]
    return replace(Groups())


def patch(data, replacements, extra_strings=()):
    """Rewrites a saved workbook: strings shared, then cells of sheet parts replaced
    ({part: {cell: xml}}), every entry dated 2026-01-01 so the bytes are the same each time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {info.filename: source.read(info.filename) for info in source.infolist()}
    first_extra = shared(files, extra_strings)
    # openpyxl stamps the time of saving: the fixed date instead.
    files["docProps/core.xml"] = re.sub(
        r"(<dcterms:modified[^>]*>)[^<]*", r"\g<1>2026-01-01T00:00:00Z",
        files["docProps/core.xml"].decode("utf-8")).encode("utf-8")
    for part, cells in replacements.items():
        text = files[part].decode("utf-8")
        for cell, xml in cells.items():
            pattern = re.compile(r'<c r="%s"(?:[^>]*/>|[^>]*>.*?</c>)' % cell)
            assert pattern.search(text), (part, cell)
            text = pattern.sub(xml.replace("EXTRA", str(first_extra)), text, count=1)
        files[part] = text.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def save(workbook):
    moment = datetime.datetime(2026, 1, 1)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def example():
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    register_sheet(workbook, "机构名录", corrected=False)
    register_sheet(workbook, "更正后", corrected=True)
    # Nursing beds of the last row as a formula with its cached value (0 × 0.5 = 0).
    row = SHEET_ROW + len(ROWS) - 1
    cell = '<c r="I%d"><f>H%d*0.5</f><v>0</v></c>' % (row, row)
    data = patch(save(workbook), {
        "xl/worksheets/sheet1.xml": {"I%d" % row: cell},
        "xl/worksheets/sheet2.xml": {"I%d" % row: cell},
    })
    with open("Examples/register/register.xlsx", "wb") as handle:
        handle.write(data)


def rewrite_sheet(data, change, compresslevel=None):
    """The workbook `data` with its first sheet's XML passed through `change`, every entry
    deflated again with a fixed date."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            target.writestr(
                entry, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
    return out.getvalue()


def fixtures():
    """The reader's test workbook: every kind of cell, and a sheet part that inflates to
    32 MiB from a few kilobytes (the zip bomb)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cells"
    sheet.append(["title merged across"])
    sheet.merge_cells("A1:E1")
    sheet.append(["name", "count", "opened", "formula", "note"])
    sheet.append(["shared", 12, datetime.date(2015, 6, 1), "=B3*2", "plain"])
    sheet.append(["text number", "  42 ", datetime.date(1900, 3, 1), "=B3", "INLINE"])
    sheet.append(["hidden", 7, datetime.date(2024, 2, 29), "=1/0", "ERROR"])
    sheet.append(["merged down", 1, None, "=NOFORMULAVALUE", None])
    sheet.append([None, 2, None, None, None])
    sheet.merge_cells("A6:A7")
    for row in range(3, 6):
        sheet.cell(row=row, column=3).number_format = "yyyy\"年\"m\"月\"d\"日\""
    sheet.row_dimensions[5].hidden = True
    other = workbook.create_sheet("第二页")
    other.append(["a", "b"])
    other.append([1, 2])
    data = patch(save(workbook), {
        "xl/worksheets/sheet1.xml": {
            "D3": '<c r="D3"><f>B3*2</f><v>24</v></c>',
            "D4": '<c r="D4" t="str"><f>B3&amp;""</f><v>12</v></c>',
            "E4": '<c r="E4" t="inlineStr"><is><t>inline </t><t>text</t></is></c>',
            "D5": '<c r="D5" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            "D6": '<c r="D6"><f>NOFORMULAVALUE</f></c>',
            "E3": '<c r="E3" t="s"><v>EXTRA</v></c>',
        },
    }, extra_strings=['<si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r>'
                      '<rPh sb="0" eb="4"><t>リッチ</t></rPh></si>'])
    with open("Tests/XLSXTests/Fixtures/cells.xlsx", "wb") as handle:
        handle.write(data)
    # A merged range from A6 to Excel's last cell, XFD1048576 (seventeen billion cells).
    merged = rewrite_sheet(
        data, lambda content: content.replace(b'ref="A6:A7"', b'ref="A6:XFD1048576"', 1))
    with open("Tests/XLSXTests/Fixtures/merged-to-the-end.xlsx", "wb") as handle:
        handle.write(merged)
    # The zip bomb: a sheet of 32 MiB of spaces inside a valid workbook.
    bomb = rewrite_sheet(
        data, lambda content: content.replace(
            b"<sheetData>", b"<sheetData>" + b" " * (32 << 20), 1), compresslevel=9)
    with open("Tests/XLSXTests/Fixtures/bomb.xlsx", "wb") as handle:
        handle.write(bomb)


if __name__ == "__main__":
    example()
    fixtures()
