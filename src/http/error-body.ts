/** The one error shape every 4xx/5xx response has: `{ statusCode, code, message, details? }`. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface FieldError {
  field: string;
  errors: string[];
}
