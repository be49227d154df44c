import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Main {
    static List<String> parseLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { fields.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        fields.add(cur.toString());
        return fields;
    }

    public static void main(String[] args) {
        String csv = String.join("\n",
                "date,region,product,units,unit_price",
                "2024-01-03,North,Widget,12,2.50",
                "2024-01-03,South,\"Gadget, large\",3,19.99",
                "2024-01-04,North,Gadget,5,12.00",
                "2024-01-05,East,Widget,20,2.50",
                "2024-01-05,South,\"The \"\"Best\"\" Widget\",1,99.00",
                "2024-01-06,East,Gizmo,7,7.25",
                "2024-01-06,North,Widget,8,2.50");
        String[] lines = csv.split("\n");
        List<String> header = parseLine(lines[0]);
        System.out.println("columns: " + header);
        Map<String, Double> byRegion = new TreeMap<>();
        Map<String, Integer> unitsByProduct = new TreeMap<>();
        double grand = 0;
        for (int i = 1; i < lines.length; i++) {
            List<String> f = parseLine(lines[i]);
            int units = Integer.parseInt(f.get(3));
            double price = Double.parseDouble(f.get(4));
            double revenue = units * price;
            grand += revenue;
            byRegion.merge(f.get(1), revenue, Double::sum);
            unitsByProduct.merge(f.get(2), units, Integer::sum);
            System.out.printf("row %d: %-20s %3d x %6.2f = %7.2f%n", i, f.get(2), units, price, revenue);
        }
        System.out.println("revenue by region:");
        byRegion.forEach((r, v) -> System.out.printf("  %-6s %8.2f%n", r, v));
        System.out.println("units by product: " + unitsByProduct);
        System.out.printf("grand total: %.2f%n", grand);
    }
}
