/**
 * The plain HTML shell of the pages behind emailed links (approvals, recall
 * acknowledgements): inline style only, no script, every value escaped.
 */
export const escapeHtml = (text: string | number): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface HtmlPage {
  status: number;
  html: string;
}

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.4;overflow-wrap:anywhere}
h1{font-size:1.5rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
label{display:block;margin-top:.8rem}input,textarea,select,button{font-size:1rem;width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1rem}.note{color:#555;font-size:.9rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The answer a browser gets after signing: what was recorded, or why nothing was. */
export function renderDecisionPage(status: number, title: string, detail: string): HtmlPage {
  return { status, html: page(title, `<p>${escapeHtml(detail)}</p>`) };
}
