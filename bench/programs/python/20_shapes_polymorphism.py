import math


class Shape:
    def area(self):
        raise NotImplementedError

    def perimeter(self):
        raise NotImplementedError

    def describe(self):
        return f"{type(self).__name__:<10} area={self.area():8.2f} perimeter={self.perimeter():7.2f}"


class Circle(Shape):
    def __init__(self, radius):
        self.radius = radius

    def area(self):
        return math.pi * self.radius ** 2

    def perimeter(self):
        return 2 * math.pi * self.radius


class Rectangle(Shape):
    def __init__(self, width, height):
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height

    def perimeter(self):
        return 2 * (self.width + self.height)


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)


class Triangle(Shape):
    def __init__(self, a, b, c):
        self.a, self.b, self.c = a, b, c

    def area(self):
        s = self.perimeter() / 2
        return math.sqrt(s * (s - self.a) * (s - self.b) * (s - self.c))

    def perimeter(self):
        return self.a + self.b + self.c


shapes = [Circle(1.5), Rectangle(3, 4.5), Square(2.5), Triangle(3, 4, 5), Circle(0.5)]
for shape in shapes:
    print(shape.describe())
total = sum(s.area() for s in shapes)
largest = max(shapes, key=lambda s: s.area())
print(f"Total area: {total:.3f}")
print(f"Largest: {type(largest).__name__} ({largest.area():.3f})")
