import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Circle(1.5));
        shapes.add(new Rectangle(3, 4));
        shapes.add(new Square(2.5));
        shapes.add(new Triangle(3, 4, 5));
        shapes.add(new Circle(0.5));
        shapes.sort(Comparator.comparingDouble(Shape::area));
        double total = 0;
        for (Shape s : shapes) {
            System.out.printf("%-10s area=%8.3f perimeter=%8.3f%n", s.name(), s.area(), s.perimeter());
            total += s.area();
        }
        System.out.printf("Total area: %.3f%n", total);
    }
}

interface Shape {
    double area();
    double perimeter();
    default String name() { return getClass().getSimpleName(); }
}

class Circle implements Shape {
    private final double r;
    Circle(double r) { this.r = r; }
    public double area() { return Math.PI * r * r; }
    public double perimeter() { return 2 * Math.PI * r; }
}

class Rectangle implements Shape {
    protected final double w, h;
    Rectangle(double w, double h) { this.w = w; this.h = h; }
    public double area() { return w * h; }
    public double perimeter() { return 2 * (w + h); }
}

class Square extends Rectangle {
    Square(double side) { super(side, side); }
}

class Triangle implements Shape {
    private final double a, b, c;
    Triangle(double a, double b, double c) { this.a = a; this.b = b; this.c = c; }
    public double area() {
        double s = (a + b + c) / 2;
        return Math.sqrt(s * (s - a) * (s - b) * (s - c));
    }
    public double perimeter() { return a + b + c; }
}
