class Product:
    def __init__(self, sku, name, price, quantity, category):
        self.sku = sku
        self.name = name
        self.price = price
        self.quantity = quantity
        self.category = category

    @property
    def value(self):
        return self.price * self.quantity


class Inventory:
    def __init__(self, low_stock_threshold=5):
        self.products = {}
        self.low_stock_threshold = low_stock_threshold
        self.log = []

    def add(self, product):
        if product.sku in self.products:
            raise KeyError(f"duplicate SKU {product.sku}")
        self.products[product.sku] = product
        self.log.append(f"added {product.sku}")

    def restock(self, sku, amount):
        self.products[sku].quantity += amount
        self.log.append(f"restocked {sku} +{amount}")

    def sell(self, sku, amount):
        product = self.products.get(sku)
        if product is None:
            raise KeyError(f"unknown SKU {sku}")
        if product.quantity < amount:
            raise ValueError(f"only {product.quantity} {product.name} left, cannot sell {amount}")
        product.quantity -= amount
        self.log.append(f"sold {sku} -{amount}")
        return amount * product.price

    def low_stock(self):
        return sorted(p.name for p in self.products.values() if p.quantity <= self.low_stock_threshold)

    def total_value(self):
        return sum(p.value for p in self.products.values())

    def by_category(self):
        result = {}
        for p in self.products.values():
            result.setdefault(p.category, []).append(p)
        return result

    def report(self):
        lines = [f"{'SKU':<6} {'Name':<14} {'Qty':>4} {'Price':>8} {'Value':>9}"]
        for sku in sorted(self.products):
            p = self.products[sku]
            lines.append(f"{p.sku:<6} {p.name:<14} {p.quantity:>4} {p.price:>8.2f} {p.value:>9.2f}")
        lines.append(f"{'Total':<6} {'':<14} {'':>4} {'':>8} {self.total_value():>9.2f}")
        return "\n".join(lines)


inv = Inventory()
for args in [
    ("A100", "USB cable", 4.99, 40, "accessories"),
    ("A200", "Mouse", 19.90, 12, "peripherals"),
    ("A300", "Keyboard", 49.00, 6, "peripherals"),
    ("A400", "Monitor", 189.00, 3, "displays"),
    ("A500", "HDMI adapter", 12.50, 8, "accessories"),
]:
    inv.add(Product(*args))

revenue = 0.0
for sku, qty in [("A100", 15), ("A200", 8), ("A400", 1), ("A300", 2)]:
    revenue += inv.sell(sku, qty)
inv.restock("A400", 5)
for sku, qty in [("A400", 10), ("Z999", 1)]:
    try:
        inv.sell(sku, qty)
    except (KeyError, ValueError) as e:
        print("Error:", e.args[0])
try:
    inv.add(Product("A100", "Dup", 1.0, 1, "x"))
except KeyError as e:
    print("Error:", e.args[0])

print(inv.report())
print(f"Revenue: {revenue:.2f}")
print("Low stock:", ", ".join(inv.low_stock()))
for category, products in sorted(inv.by_category().items()):
    print(f"{category}: {len(products)} products, {sum(p.quantity for p in products)} units")
print("Log:", "; ".join(inv.log))
