public class Main {
    public static void main(String[] args) {
        System.out.println("Hello, World!");
        String[] names = {"Alice", "Bob", "Carol"};
        for (String name : names) {
            System.out.println("Hello, " + name + "!");
        }
        System.out.printf("Greeted %d people.%n", names.length);
    }
}
