class Product
  attr_reader :sku, :name, :price, :category
  attr_accessor :quantity

  def initialize(sku, name, price, quantity, category)
    @sku = sku
    @name = name
    @price = price
    @quantity = quantity
    @category = category
  end

  def value
    price * quantity
  end
end

class Inventory
  attr_reader :log

  def initialize(low_stock_threshold = 5)
    @products = {}
    @low_stock_threshold = low_stock_threshold
    @log = []
  end

  def add(product)
    raise KeyError, "duplicate SKU #{product.sku}" if @products.key?(product.sku)

    @products[product.sku] = product
    @log << "added #{product.sku}"
  end

  def restock(sku, amount)
    @products.fetch(sku).quantity += amount
    @log << "restocked #{sku} +#{amount}"
  end

  def sell(sku, amount)
    product = @products[sku] or raise KeyError, "unknown SKU #{sku}"
    if product.quantity < amount
      raise ArgumentError, "only #{product.quantity} #{product.name} left, cannot sell #{amount}"
    end

    product.quantity -= amount
    @log << "sold #{sku} -#{amount}"
    amount * product.price
  end

  def low_stock
    @products.values.select { |p| p.quantity <= @low_stock_threshold }.map(&:name).sort
  end

  def total_value
    @products.values.sum(&:value)
  end

  def by_category
    @products.values.group_by(&:category)
  end

  def report
    lines = [format('%-6s %-14s %4s %8s %9s', 'SKU', 'Name', 'Qty', 'Price', 'Value')]
    @products.keys.sort.each do |sku|
      p = @products[sku]
      lines << format('%-6s %-14s %4d %8.2f %9.2f', p.sku, p.name, p.quantity, p.price, p.value)
    end
    lines << format('%-6s %-14s %4s %8s %9.2f', 'Total', '', '', '', total_value)
    lines.join("\n")
  end
end

inv = Inventory.new
[
  ['A100', 'USB cable', 4.99, 40, 'accessories'],
  ['A200', 'Mouse', 19.90, 12, 'peripherals'],
  ['A300', 'Keyboard', 49.00, 6, 'peripherals'],
  ['A400', 'Monitor', 189.00, 3, 'displays'],
  ['A500', 'HDMI adapter', 12.50, 8, 'accessories']
].each { |args| inv.add(Product.new(*args)) }

revenue = [['A100', 15], ['A200', 8], ['A400', 1], ['A300', 2]].sum { |sku, qty| inv.sell(sku, qty) }
inv.restock('A400', 5)
[['A400', 10], ['Z999', 1]].each do |sku, qty|
  inv.sell(sku, qty)
rescue KeyError, ArgumentError => e
  puts "Error: #{e.message}"
end
begin
  inv.add(Product.new('A100', 'Dup', 1.0, 1, 'x'))
rescue KeyError => e
  puts "Error: #{e.message}"
end
puts inv.report
puts format('Revenue: %.2f', revenue)
puts "Low stock: #{inv.low_stock.join(', ')}"
inv.by_category.sort.each do |category, products|
  puts "#{category}: #{products.size} products, #{products.sum(&:quantity)} units"
end
puts "Log: #{inv.log.join('; ')}"
