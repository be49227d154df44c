import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public class Main {
    record Employee(String name, String dept, int salary, int age) {}

    public static void main(String[] args) {
        List<Employee> staff = List.of(
                new Employee("Ann", "Engineering", 120000, 34),
                new Employee("Ben", "Engineering", 95000, 28),
                new Employee("Cid", "Sales", 60000, 45),
                new Employee("Dee", "Sales", 72000, 31),
                new Employee("Eve", "Marketing", 80000, 39),
                new Employee("Fay", "Engineering", 105000, 41));

        List<Integer> squares = IntStream.rangeClosed(1, 10).map(x -> x * x).boxed().collect(Collectors.toList());
        System.out.println("squares: " + squares);
        System.out.println("even squares sum: " + squares.stream().filter(x -> x % 2 == 0).mapToInt(Integer::intValue).sum());

        List<String> seniors = staff.stream().filter(e -> e.age() >= 35).map(Employee::name).sorted().collect(Collectors.toList());
        System.out.println("age >= 35: " + seniors);

        Map<String, Double> avgByDept = staff.stream().collect(
                Collectors.groupingBy(Employee::dept, TreeMap::new, Collectors.averagingInt(Employee::salary)));
        avgByDept.forEach((d, avg) -> System.out.printf("avg salary %-12s %.2f%n", d, avg));

        Map<String, List<String>> namesByDept = staff.stream().collect(
                Collectors.groupingBy(Employee::dept, TreeMap::new, Collectors.mapping(Employee::name, Collectors.toList())));
        System.out.println("by dept: " + namesByDept);

        int total = staff.stream().map(Employee::salary).reduce(0, Integer::sum);
        System.out.println("payroll: " + total);
        String top = staff.stream().max((a, b) -> Integer.compare(a.salary(), b.salary())).map(Employee::name).orElse("none");
        System.out.println("top earner: " + top);
        System.out.println("joined: " + staff.stream().map(Employee::name).collect(Collectors.joining(", ", "[", "]")));
    }
}
