/** OpenAPI schemas of `GET /session` and `GET /session/sign-in-options`. */
import { ROLES } from '../shared/messages';
import { enumOf, listOf, nullable, record, text, yesNo, type SchemaObject } from '../http/openapi-schema';

export const SESSION_SCHEMA: SchemaObject = record(
  {
    id: text,
    name: text,
    unitId: nullable(text),
    roles: listOf(enumOf(ROLES)),
    credential: enumOf(['api_key', 'jwt']),
  },
  'The principal the request was authenticated as',
);

export const SIGN_IN_OPTIONS_SCHEMA: SchemaObject = record(
  { apiKey: yesNo, jwt: yesNo },
  'Which credentials the service accepts: API keys always, JWTs when an issuer is configured',
);
