/**
 * Evidence (tài liệu kiểm chứng): the documents a unit cites for a figure — the report it filed,
 * the statistics office's bulletin, the decision behind it. A citation names the document by its
 * số hiệu văn bản and date; it may point at a copy (`url`) and pin that copy's bytes (`sha256`) so
 * an inspector can later prove that the file on the desk is the one that was cited.
 *
 * Rules (pure, checked by the decider whatever the HTTP layer let through):
 * - at most MAX_EVIDENCE_ITEMS per report, correction or answer;
 * - title and documentRef say something; issuedOn is a real calendar date;
 * - a document cannot be cited before it exists: issuedOn is not after the local (UTC+07:00) day
 *   the citing event is recorded. It may well precede the reporting period (a plan, a decision);
 * - url, when given, is http(s); sha256, when given, is 64 hex digits, stored lowercase;
 * - the same file (sha256) or the same document (documentRef + issuedOn) is not cited twice in
 *   one list.
 */
import { BusinessRuleError } from '../../shared/errors';
import { localDay } from './period';
import { isIsoDate } from './target';

export interface Evidence {
  title: string;
  /** Số hiệu văn bản, e.g. '45/BC-UBND'. */
  documentRef: string;
  /** Ngày ban hành, YYYY-MM-DD. */
  issuedOn: string;
  url?: string;
  /** SHA-256 of the cited file, 64 lowercase hex digits. */
  sha256?: string;
}

export const MAX_EVIDENCE_ITEMS = 20;

export const SHA256_PATTERN = /^[0-9a-fA-F]{64}$/;

/**
 * The evidence list as it will be recorded: trimmed, hashes lowercased, optional fields left out
 * when empty. Returns undefined for no evidence so events without any stay as they were.
 */
export function acceptEvidence(items: readonly Evidence[] | undefined, now: string): Evidence[] | undefined {
  if (items === undefined || items.length === 0) return undefined;
  if (items.length > MAX_EVIDENCE_ITEMS) {
    throw new BusinessRuleError('TOO_MANY_EVIDENCE_ITEMS', `At most ${MAX_EVIDENCE_ITEMS} documents may be cited at once`, {
      max: MAX_EVIDENCE_ITEMS,
      given: items.length,
    });
  }
  const today = localDay(now);
  const accepted = items.map((item, index) => acceptOne(item, index, today));
  requireNoDuplicates(accepted);
  return accepted;
}

function acceptOne(item: Evidence, index: number, today: string): Evidence {
  const title = item.title?.trim() ?? '';
  const documentRef = item.documentRef?.trim() ?? '';
  if (!title) throw invalid(index, 'title', 'a title is required');
  if (!documentRef) throw invalid(index, 'documentRef', 'the document reference (số hiệu văn bản) is required');
  if (typeof item.issuedOn !== 'string' || !isIsoDate(item.issuedOn)) throw invalid(index, 'issuedOn', 'must be a date YYYY-MM-DD');
  if (item.issuedOn > today) {
    throw new BusinessRuleError(
      'EVIDENCE_ISSUED_IN_FUTURE',
      `Document ${documentRef} is dated ${item.issuedOn}, after the day it is cited (${today})`,
      { index, documentRef, issuedOn: item.issuedOn, citedOn: today },
    );
  }
  const url = item.url?.trim();
  if (url && !/^https?:\/\/\S+$/i.test(url)) throw invalid(index, 'url', 'must be an http(s) address');
  const sha256 = item.sha256?.trim();
  if (sha256 && !SHA256_PATTERN.test(sha256)) throw invalid(index, 'sha256', 'must be 64 hexadecimal digits');
  return {
    title,
    documentRef,
    issuedOn: item.issuedOn,
    ...(url ? { url } : {}),
    ...(sha256 ? { sha256: sha256.toLowerCase() } : {}),
  };
}

function requireNoDuplicates(items: readonly Evidence[]): void {
  const files = new Set<string>();
  const documents = new Set<string>();
  items.forEach((item, index) => {
    const document = `${item.documentRef}\u0000${item.issuedOn}`;
    if ((item.sha256 && files.has(item.sha256)) || documents.has(document)) {
      throw new BusinessRuleError('DUPLICATE_EVIDENCE', `Document ${item.documentRef} is cited twice`, { index, documentRef: item.documentRef });
    }
    if (item.sha256) files.add(item.sha256);
    documents.add(document);
  });
}

function invalid(index: number, field: string, problem: string): BusinessRuleError {
  return new BusinessRuleError('INVALID_EVIDENCE', `evidence[${index}].${field} ${problem}`, { index, field, problem });
}
