// The userland punycode package (not Node's deprecated built-in of the same name), by its file.
declare module "punycode/punycode.js" {
  const punycode: { toUnicode(domain: string): string; toASCII(domain: string): string };
  export default punycode;
}
