import sanitizeHtml from "sanitize-html";

// issue 7, Content items: "rich text (sanitised: no script can be stored or run)". Only formatting, lists, headings,
// quotes and links survive; links keep http(s) and mailto only, and open in a new tab without access to the page.
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre"],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer" }) },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, { ...OPTIONS, allowedAttributes: { a: ["href", "title", "target", "rel"] } }).trim();
}
