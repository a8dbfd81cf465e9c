"""Checks a rendered lrlens HTML report: rows in the DOM and a screenshot that is not blank.

Usage: page_check.py DOM_HTML SCREENSHOT_PNG EXPECTED_ROWS. Standard library only.
"""
import re
import struct
import sys
import zlib


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG into (width, height, channels, rows of bytes)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    if depth != 8 or colour not in (2, 6):
        sys.exit(f"{path}: unexpected PNG type (depth {depth}, colour {colour})")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    dom_path, png_path, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
    dom = open(dom_path, encoding="utf-8").read()
    rows = len(re.findall(r'<tr data-run="\d+"', dom))
    plots = len(re.findall(r"<figure><svg ", dom))
    width, height, channels, pixels = png_pixels(png_path)
    ink, colours = 0, set()
    for line in pixels:
        for x in range(0, width * channels, channels):
            r, g, b = line[x], line[x + 1], line[x + 2]
            if r < 230 or g < 230 or b < 230:
                ink += 1
            colours.add((r >> 4, g >> 4, b >> 4))
    share = ink / (width * height)
    print(f"page check: {rows} table rows, {plots} plots, {share:.1%} of "
          f"{width}x{height} pixels inked, {len(colours)} colour bins")
    problems = []
    if rows != expected:
        problems.append(f"expected {expected} table rows, found {rows}")
    if plots != expected:
        problems.append(f"expected {expected} inline plots, found {plots}")
    if share < 0.03 or len(colours) < 8:
        problems.append("the screenshot is (nearly) blank")
    if problems:
        sys.exit("page check failed: " + "; ".join(problems))


if __name__ == "__main__":
    main()
