class Shape
  def area
    raise NotImplementedError
  end

  def perimeter
    raise NotImplementedError
  end

  def describe
    format('%-10s area=%8.2f perimeter=%7.2f', self.class.name, area, perimeter)
  end
end

class Circle < Shape
  def initialize(radius)
    @radius = radius
  end

  def area = Math::PI * @radius**2
  def perimeter = 2 * Math::PI * @radius
end

class Rectangle < Shape
  def initialize(width, height)
    @width = width
    @height = height
  end

  def area = @width * @height
  def perimeter = 2 * (@width + @height)
end

class Square < Rectangle
  def initialize(side)
    super(side, side)
  end
end

class Triangle < Shape
  def initialize(a, b, c)
    @a = a
    @b = b
    @c = c
  end

  def area
    s = perimeter / 2.0
    Math.sqrt(s * (s - @a) * (s - @b) * (s - @c))
  end

  def perimeter = @a + @b + @c
end

shapes = [Circle.new(1.5), Rectangle.new(3, 4.5), Square.new(2.5), Triangle.new(3, 4, 5), Circle.new(0.5)]
shapes.each { |s| puts s.describe }
total = shapes.sum(&:area)
largest = shapes.max_by(&:area)
puts format('Total area: %.3f', total)
puts format('Largest: %s (%.3f)', largest.class.name, largest.area)
