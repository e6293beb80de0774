/**
 * Marking searched strings in plain text, for the search page's excerpts and
 * the document page opened from a result. Returns parts, never HTML, so
 * callers build DOM nodes and nothing is parsed. No imports: the document
 * page loads only this.
 */

/** A stretch of text, marked or not. */
export interface TextPart {
  text: string;
  mark: boolean;
}

/** Splits text into marked and unmarked parts; longer needles win where they overlap. */
export function highlightParts(text: string, needles: readonly string[]): TextPart[] {
  const sorted = [...new Set(needles.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0 || !text) return text ? [{ text, mark: false }] : [];
  const lower = text.toLowerCase();
  const lowered = sorted.map((n) => n.toLowerCase());
  const parts: TextPart[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const hit = lowered.find((n) => lower.startsWith(n, i));
    if (hit) {
      if (plain) parts.push({ text: plain, mark: false });
      plain = '';
      parts.push({ text: text.slice(i, i + hit.length), mark: true });
      i += hit.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) parts.push({ text: plain, mark: false });
  return parts;
}
