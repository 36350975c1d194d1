/**
 * The printable review's one stylesheet, inline in the page and allowed by its hash in the page's
 * content-security policy (security-headers.ts): nothing else may style, script or load in it.
 * A4 portrait, the margins and type of an administrative document; tables repeat their heading
 * rows on each printed page.
 */
import { createHash } from 'node:crypto';

export const PRINT_STYLE = `
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 210mm; margin: 0 auto; padding: 8mm; }
.heading { display: flex; justify-content: space-between; text-align: center; }
.heading > div { width: 48%; }
.heading .body-name, .heading .motto { font-weight: bold; text-transform: uppercase; }
.heading .place-date { font-style: italic; margin-top: 6pt; }
h1 { text-align: center; font-size: 15pt; margin: 18pt 0 2pt; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 8pt; }
.recipient { text-align: center; margin-bottom: 12pt; }
.draft { text-align: center; font-weight: bold; border: 1px solid #000; padding: 4pt; }
h2 { font-size: 13pt; text-transform: uppercase; margin: 14pt 0 6pt; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; }
table { width: 100%; border-collapse: collapse; font-size: 11pt; margin-bottom: 8pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
th { background: #eee; }
td.number { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
.hash { font-family: "Courier New", monospace; font-size: 9pt; word-break: break-all; }
.signature { margin-left: 55%; text-align: center; margin-top: 18pt; }
.signature .role { font-weight: bold; text-transform: uppercase; }
@media print {
  body { padding: 0; max-width: none; }
  h2 { page-break-after: avoid; }
  a { color: #000; text-decoration: none; }
}
`;

/** The CSP source that allows exactly this stylesheet: `'sha256-<base64>'`. */
export const PRINT_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PRINT_STYLE).digest('base64')}'`;
