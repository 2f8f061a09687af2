export * from "./codes";
export * from "./errors";
export * from "./frame";
export * from "./framing";
export * from "./host-rules";
export { formatIPv6, parseIPv4, parseIPv6 } from "./ip";
export * from "./model";
export * from "./namespaces";
export * from "./redact";
export * from "./registry-rules";
export { negotiateLogin, type Negotiated } from "./session";
export * from "./transcript-rules";
export {
  DEFAULT_XML_LIMITS,
  elementChildren,
  parseXml,
  textContent,
  XML_ERROR_CODES,
  XmlError,
  type XmlElement,
  type XmlErrorCode,
  type XmlLimits,
  type XmlNode,
} from "./xml";
export { elementToXml } from "./xml-write";
