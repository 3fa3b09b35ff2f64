/** The public surface of bigcommerce-sql. The simulator is exported from `bigcommerce-sql/simulator`. */
export { Connection } from './connection/Connection';
// connect() with the replica wired in (REPLICATE, CacheLocation, AutoCache, Offline).
export { connect } from './replica/connect';
export { parseConnectionString } from './options/parseConnectionString';
export {
  BigCommerceSqlError,
  ConnectionStringError,
  SqlError,
  CatalogError,
  ApiError,
  AuthError,
  type ErrorCode,
  type ErrorDetails,
} from './errors';
export type {
  QueryResult,
  FieldInfo,
  DataType,
  Row,
  QueryParams,
  QueryOptions,
  ProgressEvent,
} from './types';
export type { ConnectionOptions, PropertyName } from './options/types';
