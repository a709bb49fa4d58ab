/**
 * Text for one-line places (document metadata, a copy's recipient line,
 * register cells): tabs and line breaks, which a value may hold, become
 * single spaces there, so that the Info dictionary and the XMP say the same
 * thing (an XML parser reads a carriage return as a line feed) and a cell
 * stays one cell.
 */
export function oneLine(text: string): string {
  return text.replace(/[\s\u00A0]+/g, ' ').trim();
}
