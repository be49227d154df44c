CSV_DATA = """region,product,units,unit_price
north,widget,120,2.50
south,widget,80,2.50
north,gadget,15,12.00
east,widget,200,2.25
south,gizmo,42,7.75
east,gadget,9,12.00
west,gizmo,60,7.50
north,gizmo,33,7.75
west,widget,150,2.40"""


def parse_csv(text):
    lines = text.strip().splitlines()
    header = lines[0].split(",")
    rows = []
    for line in lines[1:]:
        values = line.split(",")
        row = dict(zip(header, values))
        row["units"] = int(row["units"])
        row["unit_price"] = float(row["unit_price"])
        rows.append(row)
    return rows


def summarize(rows, key):
    totals = {}
    for row in rows:
        revenue = row["units"] * row["unit_price"]
        units, amount = totals.get(row[key], (0, 0.0))
        totals[row[key]] = (units + row["units"], amount + revenue)
    return totals


rows = parse_csv(CSV_DATA)
print(f"Parsed {len(rows)} rows")
for key in ("region", "product"):
    print(f"Revenue by {key}:")
    totals = summarize(rows, key)
    for name in sorted(totals, key=lambda n: -totals[n][1]):
        units, amount = totals[name]
        print(f"  {name:<8} units={units:>4}  revenue={amount:>8.2f}")
grand = sum(r["units"] * r["unit_price"] for r in rows)
print(f"Grand total: {grand:.2f}")
best = max(rows, key=lambda r: r["units"] * r["unit_price"])
print(f"Best line: {best['region']} {best['product']} ({best['units'] * best['unit_price']:.2f})")
