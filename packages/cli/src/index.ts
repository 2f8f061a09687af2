export { HELP, main } from "./main";
