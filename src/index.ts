/** The public surface of bigcommerce-sql. The simulator is exported from `bigcommerce-sql/simulator`. */
export { connect, Connection } from './connection/Connection';
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
