import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

public class Main {
    enum Grade {
        A(90), B(80), C(70), D(60), F(0);

        final int minScore;
        Grade(int minScore) { this.minScore = minScore; }

        static Grade of(double score) {
            for (Grade g : values()) if (score >= g.minScore) return g;
            return F;
        }
    }

    record Student(String name, int[] scores) {
        double average() {
            int sum = 0;
            for (int s : scores) sum += s;
            return (double) sum / scores.length;
        }
    }

    public static void main(String[] args) {
        List<Student> students = new ArrayList<>(List.of(
                new Student("Alice", new int[]{92, 88, 95, 79}),
                new Student("Bob", new int[]{75, 64, 81, 70}),
                new Student("Charlie", new int[]{58, 62, 49, 71}),
                new Student("Diana", new int[]{85, 91, 89, 94}),
                new Student("Ethan", new int[]{66, 73, 70, 68}),
                new Student("Fiona", new int[]{99, 97, 100, 98})));
        students.sort(Comparator.comparingDouble(Student::average).reversed());
        Map<Grade, List<String>> byGrade = new EnumMap<>(Grade.class);
        System.out.println("Rank  Name      Avg    Grade");
        int rank = 1;
        for (Student s : students) {
            Grade g = Grade.of(s.average());
            byGrade.computeIfAbsent(g, k -> new ArrayList<>()).add(s.name());
            System.out.printf("%-5d %-9s %6.2f %s%n", rank++, s.name(), s.average(), g);
        }
        for (Grade g : Grade.values()) {
            System.out.println(g + ": " + byGrade.getOrDefault(g, List.of()));
        }
        double classAvg = students.stream().mapToDouble(Student::average).average().orElse(0);
        System.out.printf("Class average: %.2f (%s)%n", classAvg, Grade.of(classAvg));
    }
}
