class Shape {
  area() {
    throw new Error('not implemented');
  }

  perimeter() {
    throw new Error('not implemented');
  }

  describe() {
    return `${this.constructor.name.padEnd(10)} area=${this.area().toFixed(2).padStart(8)} perimeter=${this.perimeter().toFixed(2).padStart(7)}`;
  }
}

class Circle extends Shape {
  constructor(radius) {
    super();
    this.radius = radius;
  }
  area() { return Math.PI * this.radius ** 2; }
  perimeter() { return 2 * Math.PI * this.radius; }
}

class Rectangle extends Shape {
  constructor(width, height) {
    super();
    this.width = width;
    this.height = height;
  }
  area() { return this.width * this.height; }
  perimeter() { return 2 * (this.width + this.height); }
}

class Square extends Rectangle {
  constructor(side) {
    super(side, side);
  }
}

class Triangle extends Shape {
  constructor(a, b, c) {
    super();
    Object.assign(this, { a, b, c });
  }
  area() {
    const s = this.perimeter() / 2;
    return Math.sqrt(s * (s - this.a) * (s - this.b) * (s - this.c));
  }
  perimeter() { return this.a + this.b + this.c; }
}

const shapes = [new Circle(1.5), new Rectangle(3, 4.5), new Square(2.5), new Triangle(3, 4, 5), new Circle(0.5)];
shapes.forEach((s) => console.log(s.describe()));
const total = shapes.reduce((sum, s) => sum + s.area(), 0);
const largest = shapes.reduce((best, s) => (s.area() > best.area() ? s : best));
console.log(`Total area: ${total.toFixed(3)}`);
console.log(`Largest: ${largest.constructor.name} (${largest.area().toFixed(3)})`);
