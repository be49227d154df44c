package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

type Instr struct {
	Op  string
	Arg string
}

type VM struct {
	program  []Instr
	labels   map[string]int
	stack    []int64
	vars     map[string]int64
	Executed int
}

func Assemble(source string) (*VM, error) {
	vm := &VM{labels: map[string]int{}, vars: map[string]int64{}}
	for lineNo, raw := range strings.Split(source, "\n") {
		if i := strings.Index(raw, ";"); i >= 0 {
			raw = raw[:i]
		}
		fields := strings.Fields(raw)
		if len(fields) == 0 {
			continue
		}
		if strings.HasSuffix(fields[0], ":") {
			vm.labels[strings.TrimSuffix(fields[0], ":")] = len(vm.program)
			continue
		}
		in := Instr{Op: strings.ToLower(fields[0])}
		if len(fields) > 1 {
			in.Arg = fields[1]
		}
		switch in.Op {
		case "push", "load", "store", "add", "sub", "mul", "div", "mod", "lt", "jmp", "jz", "print", "halt":
		default:
			return nil, fmt.Errorf("line %d: unknown instruction %q", lineNo+1, in.Op)
		}
		vm.program = append(vm.program, in)
	}
	return vm, nil
}

func (vm *VM) pop() (int64, error) {
	if len(vm.stack) == 0 {
		return 0, errors.New("stack underflow")
	}
	v := vm.stack[len(vm.stack)-1]
	vm.stack = vm.stack[:len(vm.stack)-1]
	return v, nil
}

func (vm *VM) Run() error {
	for pc := 0; pc < len(vm.program); {
		in := vm.program[pc]
		pc++
		vm.Executed++
		switch in.Op {
		case "push":
			v, err := strconv.ParseInt(in.Arg, 10, 64)
			if err != nil {
				return err
			}
			vm.stack = append(vm.stack, v)
		case "load":
			vm.stack = append(vm.stack, vm.vars[in.Arg])
		case "store":
			v, err := vm.pop()
			if err != nil {
				return err
			}
			vm.vars[in.Arg] = v
		case "add", "sub", "mul", "div", "mod", "lt":
			b, err1 := vm.pop()
			a, err2 := vm.pop()
			if err1 != nil || err2 != nil {
				return errors.New("stack underflow")
			}
			var r int64
			switch in.Op {
			case "add":
				r = a + b
			case "sub":
				r = a - b
			case "mul":
				r = a * b
			case "div", "mod":
				if b == 0 {
					return fmt.Errorf("division by zero at pc %d", pc-1)
				}
				if in.Op == "div" {
					r = a / b
				} else {
					r = a % b
				}
			case "lt":
				if a < b {
					r = 1
				}
			}
			vm.stack = append(vm.stack, r)
		case "jmp":
			pc = vm.labels[in.Arg]
		case "jz":
			v, err := vm.pop()
			if err != nil {
				return err
			}
			if v == 0 {
				pc = vm.labels[in.Arg]
			}
		case "print":
			if in.Arg == "" {
				v, err := vm.pop()
				if err != nil {
					return err
				}
				fmt.Println(v)
			} else {
				fmt.Printf("%s = %d\n", in.Arg, vm.vars[in.Arg])
			}
		case "halt":
			return nil
		}
	}
	return nil
}

const factorials = `
; print n! for n = 1..10
    push 1
    store n
    push 1
    store acc
loop:
    load n
    push 11
    lt
    jz end
    load acc
    load n
    mul
    store acc
    load acc
    print
    load n
    push 1
    add
    store n
    jmp loop
end:
    print acc
    halt
`

const gcd = `
    push 1071
    store a
    push 462
    store b
top:
    load b
    jz done
    load a
    load b
    mod
    load b
    store a
    store b
    jmp top
done:
    print a
`

func main() {
	for _, src := range []string{factorials, gcd, "push 1\npush 0\ndiv", "push 1\nfrobnicate"} {
		vm, err := Assemble(src)
		if err != nil {
			fmt.Println("assemble error:", err)
			continue
		}
		if err := vm.Run(); err != nil {
			fmt.Println("runtime error:", err)
		}
		fmt.Println("instructions executed:", vm.Executed)
	}
}
