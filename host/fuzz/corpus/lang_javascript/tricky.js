// import x from "y"
const a = require("fs"); /* require("net") */
import("z"); let r = /\/*re/; `${`nested ${1}`}`
