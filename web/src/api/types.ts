import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type Principal = Ok<paths['/api/v1/auth/me']['get']>;
export type Role = Principal['roles'][number];
export type QueuePage = Ok<paths['/api/v1/declarations']['get']>;
export type DeclarationSummary = QueuePage['items'][number];
export type DeclarationDetail = Ok<paths['/api/v1/declarations/{id}']['get']>;
export type Notification = Ok<paths['/api/v1/declarations/{id}/notifications']['get']>[number];
export type AuditEntry = Ok<paths['/api/v1/declarations/{id}/audit']['get']>[number];
export type QueueQuery = NonNullable<paths['/api/v1/declarations']['get']['parameters']['query']>;
export type OfficeDay = Ok<paths['/api/v1/dashboard/office-day']['get']>;
export type Office = Ok<paths['/api/v1/reference/offices']['get']>[number];
export type Country = Ok<paths['/api/v1/reference/countries']['get']>[number];
export type Currency = Ok<paths['/api/v1/reference/currencies']['get']>[number];
export type HsEntry = Ok<paths['/api/v1/reference/hs']['get']>[number];
export type ControlResultBody = NonNullable<
  paths['/api/v1/declarations/{id}/control-result']['post']['requestBody']
>['content']['application/json'];
export type DocumentBody = NonNullable<
  paths['/api/v1/declarations/{id}/documents']['post']['requestBody']
>['content']['application/json']['documents'][number];

export type Status = DeclarationSummary['status'];
export type Channel = NonNullable<DeclarationSummary['channel']>;
