/**
 * Every refusal of the API as a Vietnamese sentence, and the form field it concerns, so that a form
 * shows it next to that field. The API's own message (English, for developers) is never shown.
 */

/** An error answer of the API: `{ statusCode, code, message, details? }`. */
export interface RefusalBody {
  statusCode: number;
  code: string;
  message?: string;
  details?: Record<string, unknown> | null;
}

const MESSAGES: Record<string, string> = {
  // Reading the request
  INVALID_URL: 'Địa chỉ yêu cầu không hợp lệ.',
  MALFORMED_REQUEST: 'Yêu cầu không đọc được.',
  VALIDATION_FAILED: 'Thông tin nhập chưa hợp lệ.',
  MALFORMED_JSON: 'Dữ liệu gửi đi không đọc được.',
  FORBIDDEN_KEY: 'Dữ liệu gửi đi có tên trường không được phép.',
  INPUT_TOO_DEEP: 'Dữ liệu gửi đi lồng nhau quá sâu.',
  INVALID_ID: 'Mã định danh không hợp lệ.',
  INVALID_HEADER: 'Tiêu đề yêu cầu không hợp lệ.',
  EXPECTED_REVISION_MISMATCH: 'Phiên bản gửi kèm không khớp nhau.',
  INVALID_RANGE: 'Ngày bắt đầu phải trước ngày kết thúc.',
  EMPTY_FILE: 'Tệp rỗng, không có gì để đối chiếu.',
  INVALID_PERIOD: 'Kỳ báo cáo không hợp lệ.',
  // Who is asking
  UNAUTHENTICATED: 'Khóa API hoặc mã JWT không đúng, hoặc đã hết hạn. Hãy đăng nhập lại.',
  ROLE_NOT_ALLOWED: 'Vai trò của bạn không được thực hiện thao tác này.',
  UNIT_DEACTIVATED: 'Đơn vị của bạn đã ngừng hoạt động nên không thể ghi thêm dữ liệu.',
  ISSUER_MAY_NOT_GRANT: 'Nơi cấp mã JWT không được cấp vai trò hoặc đơn vị này.',
  AUTHENTICATION_THROTTLED: 'Đăng nhập sai quá nhiều lần. Hãy chờ một lúc rồi thử lại.',
  RATE_LIMITED: 'Bạn gửi quá nhiều yêu cầu. Hãy chờ một lúc rồi thử lại.',
  // Not found
  INDICATOR_NOT_FOUND: 'Không tìm thấy chỉ tiêu hoặc nhiệm vụ này.',
  INDICATOR_NOT_YET_REGISTERED: 'Vào thời điểm đã chọn, chỉ tiêu này chưa được đăng ký.',
  REPORT_NOT_FOUND: 'Không tìm thấy báo cáo này.',
  QUERY_NOT_FOUND: 'Không tìm thấy yêu cầu giải trình này.',
  UNIT_NOT_FOUND: 'Không tìm thấy đơn vị này.',
  RESOLUTION_NOT_FOUND: 'Không tìm thấy nghị quyết này.',
  NOT_FOUND: 'Không tìm thấy.',
  // Concurrency and idempotency
  CONCURRENCY_CONFLICT: 'Chỉ tiêu vừa được người khác cập nhật. Hãy tải lại trang, xem thay đổi rồi gửi lại.',
  IDEMPOTENCY_KEY_REUSED: 'Yêu cầu này đã được gửi với nội dung khác.',
  STREAM_INTEGRITY_BROKEN: 'Chuỗi băm của chỉ tiêu này bị phá vỡ (dữ liệu đã bị sửa ngoài sổ cái): không thể ghi thêm cho tới khi quản trị viên khôi phục. Vẫn xem được lịch sử.',
  POSITION_NOT_REACHED: 'Sổ cái chưa đạt tới vị trí này.',
  // Reports and corrections
  NOT_RESPONSIBLE_UNIT: 'Đơn vị của bạn không phụ trách chỉ tiêu này nên không thể báo cáo.',
  PERIOD_OUTSIDE_YEAR: 'Kỳ báo cáo nằm ngoài năm của nghị quyết.',
  PERIOD_IN_FUTURE: 'Kỳ báo cáo chưa bắt đầu.',
  UNKNOWN_METRIC: 'Chỉ tiêu không có mục tiêu này.',
  VALUE_OUT_OF_RANGE: 'Giá trị không phù hợp với đơn vị đo của mục tiêu.',
  DUPLICATE_REPORT: 'Kỳ này đã có báo cáo. Muốn thay đổi số liệu, hãy điều chỉnh báo cáo đó và nêu lý do.',
  DUPLICATE_REPORT_ID: 'Mã báo cáo đã được dùng.',
  CORRECTION_CHANGES_NOTHING: 'Nội dung điều chỉnh giống hệt báo cáo hiện tại.',
  REASON_REQUIRED: 'Cần nêu lý do.',
  VALUE_ON_MILESTONE_TARGET: 'Nhiệm vụ định tính không nhận số liệu: hãy chọn tình trạng thực hiện.',
  STATE_ON_NUMERIC_TARGET: 'Mục tiêu định lượng cần số liệu, không nhận tình trạng.',
  VALUE_REQUIRED: 'Cần nhập số liệu.',
  STATE_REQUIRED: 'Cần chọn tình trạng thực hiện.',
  NARRATIVE_REQUIRED: 'Cần mô tả kết quả thực hiện.',
  COMPLETION_DATE_REQUIRED: 'Cần nhập ngày hoàn thành.',
  COMPLETION_DATE_NOT_ALLOWED: 'Chỉ nhập ngày hoàn thành khi nhiệm vụ đã hoàn thành.',
  COMPLETION_DATE_OUTSIDE_PERIOD: 'Ngày hoàn thành phải nằm trong kỳ báo cáo.',
  COMPLETION_DATE_IN_FUTURE: 'Ngày hoàn thành chưa tới.',
  INVALID_EVIDENCE: 'Tài liệu minh chứng chưa đủ thông tin.',
  TOO_MANY_EVIDENCE_ITEMS: 'Quá nhiều tài liệu minh chứng cho một báo cáo.',
  EVIDENCE_ISSUED_IN_FUTURE: 'Ngày ban hành tài liệu minh chứng chưa tới.',
  DUPLICATE_EVIDENCE: 'Tài liệu minh chứng bị trùng.',
  // Reassignments, revisions, assessment
  UNKNOWN_UNIT: 'Đơn vị này không có trong danh sách.',
  UNIT_INACTIVE: 'Đơn vị này đã ngừng hoạt động.',
  SAME_UNIT: 'Chỉ tiêu đã do đơn vị này phụ trách.',
  REVISION_CHANGES_NOTHING: 'Mục tiêu mới giống hệt mục tiêu hiện hành.',
  INVALID_TARGET: 'Mục tiêu không hợp lệ.',
  DECISION_REF_REQUIRED: 'Cần ghi số hiệu văn bản quyết định.',
  CONCLUSION_REQUIRED: 'Cần ghi kết luận.',
  INDICATOR_CLOSED: 'Chỉ tiêu đã được đánh giá cuối năm nên không nhận thêm thay đổi.',
  // Registering
  INDICATOR_ALREADY_REGISTERED: 'Chỉ tiêu này đã được đăng ký.',
  INDICATOR_NUMBER_REQUIRED: 'Chỉ tiêu chủ yếu cần có số thứ tự.',
  TASK_HAS_NO_NUMBER: 'Nhiệm vụ không có số thứ tự.',
  ONLY_TASKS_SUPPORT_INDICATORS: 'Chỉ nhiệm vụ mới hỗ trợ chỉ tiêu.',
  TARGETS_REQUIRED: 'Cần ít nhất một mục tiêu.',
  DUPLICATE_METRIC: 'Hai mục tiêu trùng mã.',
  UNKNOWN_RESOLUTION: 'Nghị quyết này không có trong sổ cái.',
  UNIT_ALREADY_REGISTERED: 'Đơn vị này đã được đăng ký.',
  NAME_REQUIRED: 'Cần nhập tên.',
  NAME_UNCHANGED: 'Tên mới giống tên hiện tại.',
  // Queries
  QUESTION_REQUIRED: 'Cần nêu nội dung yêu cầu giải trình.',
  ANSWER_REQUIRED: 'Cần nhập nội dung giải trình.',
  DUPLICATE_QUERY_ID: 'Mã yêu cầu giải trình đã được dùng.',
  QUERY_CLOSED: 'Yêu cầu giải trình đã khép lại.',
  QUERY_NOT_ANSWERED: 'Yêu cầu giải trình chưa được trả lời nên chưa thể khép lại.',
  // Quarterly reviews
  INVALID_REVIEW_PERIOD: 'Kỳ sơ kết phải là một quý, 6 tháng đầu năm hoặc cả năm.',
  REVIEW_ALREADY_APPROVED: 'Báo cáo sơ kết kỳ này đã được phê duyệt.',
  REVIEW_NOT_APPROVED: 'Báo cáo sơ kết kỳ này chưa được phê duyệt nên chưa có gì để đối chiếu.',
  REVIEW_PERIOD_NOT_OVER: 'Kỳ sơ kết chưa kết thúc nên chưa thể phê duyệt.',
  MEETING_DATE_IN_FUTURE: 'Ngày họp chưa tới.',
  LEDGER_CHAIN_BROKEN: 'Sổ cái có chuỗi băm bị phá vỡ: không thể phê duyệt cho tới khi Ủy ban Kiểm tra làm rõ.',
  // The service
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi đi quá lớn.',
  UNSUPPORTED_MEDIA_TYPE: 'Kiểu dữ liệu gửi đi không được nhận.',
  REQUEST_TIMEOUT: 'Yêu cầu đến quá chậm. Hãy thử lại.',
  HEADERS_TOO_LARGE: 'Tiêu đề yêu cầu quá lớn.',
  PROJECTION_LAGGING: 'Dữ liệu tổng hợp đang cập nhật. Hãy thử lại sau vài giây.',
  READ_MODEL_REBUILDING: 'Dữ liệu tổng hợp đang được dựng lại. Hãy thử lại sau ít phút.',
  SHUTTING_DOWN: 'Hệ thống đang khởi động lại. Hãy thử lại sau ít phút.',
  UNHEALTHY: 'Hệ thống chưa kết nối được kho dữ liệu. Hãy thử lại sau ít phút.',
  EVENT_STORE_UNAVAILABLE: 'Chưa kết nối được kho sự kiện; chưa có gì được ghi. Hãy thử lại.',
  READ_STORE_UNAVAILABLE: 'Chưa kết nối được kho dữ liệu tổng hợp. Hãy thử lại.',
  AUTH_KEYS_UNAVAILABLE: 'Chưa kiểm tra được mã JWT với nơi cấp. Hãy thử lại.',
  STORAGE_UNAVAILABLE: 'Kho dữ liệu tạm thời không ghi được; chưa có gì được ghi. Hãy thử lại sau ít phút.',
  STORE_DAMAGED: 'Kho dữ liệu bị hỏng. Hãy báo quản trị viên.',
  READ_MODELS_AHEAD_OF_LEDGER: 'Dữ liệu tổng hợp không khớp với sổ cái. Hãy báo quản trị viên.',
  EVENT_STORE_UNREADABLE: 'Sổ cái có bản ghi không đọc được. Hãy báo quản trị viên.',
  EVENT_STORE_UNREADABLE_EVENT: 'Sổ cái có bản ghi không đọc được. Hãy báo quản trị viên.',
  INTERNAL_ERROR: 'Hệ thống gặp lỗi. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên.',
};

/** What a figure of each measure may be (the API's rule, said to the person typing it). */
const MEASURE_RANGES: Record<string, string> = {
  share: 'Tỷ lệ phần trăm phải từ 0 đến 100.',
  count: 'Số lượng phải là số nguyên không âm.',
  amount: 'Giá trị không được âm.',
  rank: 'Thứ hạng phải là số nguyên từ 1 trở lên.',
};

/** What a field is called in the forms, for validation messages that name it. */
const FIELD_LABELS: Record<string, string> = {
  value: 'Số liệu',
  period: 'Kỳ báo cáo',
  metric: 'Mục tiêu',
  note: 'Ghi chú',
  reason: 'Lý do',
  decisionRef: 'Số hiệu văn bản',
  toUnitId: 'Đơn vị nhận',
  question: 'Nội dung yêu cầu',
  answer: 'Nội dung giải trình',
  conclusion: 'Kết luận',
  state: 'Tình trạng',
  narrative: 'Mô tả kết quả',
  completedOn: 'Ngày hoàn thành',
  digest: 'Mã tổng hợp',
  position: 'Vị trí',
  min: 'Giá trị nhỏ nhất',
  max: 'Giá trị lớn nhất',
  comparator: 'Cách so sánh',
  meetingDate: 'Ngày họp',
};

/** The form field each code concerns; absent: the action as a whole. */
const FIELD_OF_CODE: Record<string, string> = {
  PERIOD_OUTSIDE_YEAR: 'period',
  PERIOD_IN_FUTURE: 'period',
  INVALID_PERIOD: 'period',
  DUPLICATE_REPORT: 'period',
  UNKNOWN_METRIC: 'metric',
  VALUE_OUT_OF_RANGE: 'value',
  VALUE_REQUIRED: 'value',
  VALUE_ON_MILESTONE_TARGET: 'value',
  STATE_ON_NUMERIC_TARGET: 'state',
  STATE_REQUIRED: 'state',
  NARRATIVE_REQUIRED: 'narrative',
  COMPLETION_DATE_REQUIRED: 'completedOn',
  COMPLETION_DATE_NOT_ALLOWED: 'completedOn',
  COMPLETION_DATE_OUTSIDE_PERIOD: 'completedOn',
  COMPLETION_DATE_IN_FUTURE: 'completedOn',
  CORRECTION_CHANGES_NOTHING: 'value',
  REASON_REQUIRED: 'reason',
  DECISION_REF_REQUIRED: 'decisionRef',
  UNKNOWN_UNIT: 'toUnitId',
  UNIT_INACTIVE: 'toUnitId',
  SAME_UNIT: 'toUnitId',
  INVALID_TARGET: 'value',
  REVISION_CHANGES_NOTHING: 'value',
  CONCLUSION_REQUIRED: 'conclusion',
  QUESTION_REQUIRED: 'question',
  ANSWER_REQUIRED: 'answer',
  NAME_REQUIRED: 'name',
  NAME_UNCHANGED: 'name',
  MEETING_DATE_IN_FUTURE: 'meetingDate',
};

/** A refusal as the console shows it: a sentence, and the field it belongs next to (or none). */
export interface ShownRefusal {
  field: string | null;
  message: string;
}

/**
 * The refusals of an answer, each placed: a validation failure names each field it found wrong,
 * anything else is one message, next to its field when it has one.
 */
export function describeRefusal(body: RefusalBody | null | undefined, status?: number): ShownRefusal[] {
  if (!body || typeof body.code !== 'string') {
    return [{ field: null, message: status && status >= 500 ? MESSAGES.INTERNAL_ERROR : 'Không nhận được câu trả lời hợp lệ từ hệ thống. Hãy thử lại.' }];
  }
  if (body.code === 'VALIDATION_FAILED') {
    const fields = Array.isArray(body.details?.fields) ? (body.details.fields as Array<{ field?: unknown }>) : [];
    const named = fields.filter((entry): entry is { field: string } => typeof entry.field === 'string');
    if (named.length > 0) {
      return named.map(({ field }) => {
        const top = field.split(/[.[]/)[0];
        const label = FIELD_LABELS[top];
        return { field: top, message: label ? `${label}: giá trị chưa hợp lệ.` : `Trường “${field}” chưa hợp lệ.` };
      });
    }
  }
  return [{ field: FIELD_OF_CODE[body.code] ?? null, message: refusalMessage(body) }];
}

/** The Vietnamese sentence for one refusal, with what its details add. */
export function refusalMessage(body: RefusalBody): string {
  const known = MESSAGES[body.code];
  if (!known) return `Hệ thống từ chối yêu cầu (mã ${body.code}).`;
  const details = body.details ?? {};
  if (body.code === 'VALUE_OUT_OF_RANGE' && typeof details.measure === 'string' && details.measure in MEASURE_RANGES) {
    return `${known} ${MEASURE_RANGES[details.measure]}`;
  }
  if (body.code === 'CONCURRENCY_CONFLICT' && typeof details.currentRevision === 'number') {
    return `${known} (Phiên bản hiện tại: ${details.currentRevision}.)`;
  }
  return known;
}

/** Every code the console can put into words (the component test compares it with the API's Errors table). */
export const KNOWN_REFUSAL_CODES: readonly string[] = Object.keys(MESSAGES);
