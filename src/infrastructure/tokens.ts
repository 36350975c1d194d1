/** Injection tokens for the ports, so handlers depend on the port, never on an adapter. */
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODEL_STORE = Symbol('ReadModelStore');
export const APP_CONFIG = Symbol('AppConfig');
export const PROJECTION_LEASE = Symbol('ProjectionLease');
export const DATA_DIR_LOCK = Symbol('DataDirLock');
