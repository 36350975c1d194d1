/**
 * The request URL as the access log writes it: the path as sent, and of the query string only the
 * parameter names and the values of the API's own filter parameters. Any other value is replaced
 * by `[redacted]`: a client that puts a credential in the URL (`?access_token=…`, `?api_key=…`, a
 * key pasted into the wrong parameter) must not have it written to the logs, where more people
 * read than ever hold the key. The values kept are positions, page sizes, dates, enums and ids,
 * never secrets; a parameter the API does not know keeps its name only.
 */
const KEPT_VALUES: ReadonlySet<string> = new Set([
  'minPosition',
  'limit',
  'offset',
  'order',
  'format',
  'asOf',
  'from',
  'to',
  'type',
  'kind',
  'group',
  'status',
  'unit',
  'actor',
  'metric',
  'period',
  'position',
  'beforePosition',
  'afterPosition',
  'responsibleUnitActive',
  'active',
  'hasEvidence',
  'open',
]);

const REDACTED = '[redacted]';
const MAX_NAME_LENGTH = 64;
const MAX_VALUE_LENGTH = 100;

export function redactedUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url
    .slice(mark + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      const name = rawName.slice(0, MAX_NAME_LENGTH);
      if (equals < 0) return name;
      const value = pair.slice(equals + 1);
      return `${name}=${KEPT_VALUES.has(decoded(rawName)) ? value.slice(0, MAX_VALUE_LENGTH) : REDACTED}`;
    });
  return `${url.slice(0, mark)}?${query.join('&')}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
