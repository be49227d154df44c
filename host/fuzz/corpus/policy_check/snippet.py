import os, subprocess
os.system("ls")  # comment
eval(input())
open("/etc/passwd")
