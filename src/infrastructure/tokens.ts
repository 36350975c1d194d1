/** Injection tokens for the ports, so handlers depend on the port, never on an adapter. */
export const EVENT_STORE = Symbol('EventStore');
export const READ_STORE = Symbol('ReadStore');
export const APP_CONFIG = Symbol('AppConfig');
export const PROJECTION_LEASE = Symbol('ProjectionLease');
