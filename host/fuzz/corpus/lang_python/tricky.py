import os # import sys
x = """import subprocess
"""
from a.b import (c,
 d)
__import__("m")
print('\'')
