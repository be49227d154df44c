package main

import (
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

const data = `date,region,product,units,unit_price
2024-01-03,North,Widget,12,2.50
2024-01-03,South,"Gadget, large",3,19.99
2024-01-04,North,Gadget,5,12.00
2024-01-05,East,Widget,20,2.50
2024-01-05,South,"The ""Best"" Widget",1,99.00
2024-01-06,East,Gizmo,7,7.25
2024-01-06,North,Widget,8,2.50
`

func main() {
	records, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		fmt.Println("parse error:", err)
		return
	}
	fmt.Println("columns:", records[0])
	byRegion := map[string]float64{}
	units := map[string]int{}
	grand := 0.0
	for i, rec := range records[1:] {
		n, _ := strconv.Atoi(rec[3])
		price, _ := strconv.ParseFloat(rec[4], 64)
		revenue := float64(n) * price
		grand += revenue
		byRegion[rec[1]] += revenue
		units[rec[2]] += n
		fmt.Printf("row %d: %-20s %3d x %6.2f = %7.2f\n", i+1, rec[2], n, price, revenue)
	}
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	fmt.Println("revenue by region:")
	for _, r := range regions {
		fmt.Printf("  %-6s %8.2f\n", r, byRegion[r])
	}
	fmt.Println("units by product:", units)
	fmt.Printf("grand total: %.2f\n", grand)

	var sb strings.Builder
	w := csv.NewWriter(&sb)
	for _, r := range regions {
		_ = w.Write([]string{r, strconv.FormatFloat(byRegion[r], 'f', 2, 64)})
	}
	w.Flush()
	fmt.Print("summary csv:\n", sb.String())
}
