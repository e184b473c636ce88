/** Compile-time checks of the helper types (run by `npm run -w @grants/api-client typecheck`). */
import type { MethodOf, QueryOf, RequestBodyOf, ResponseOf, Schemas } from './index';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const ok = <T extends true>(t: T) => t;
ok<Equal<ResponseOf<'/api/calls/{id}', 'get'>, Schemas['CallResponseDto']>>(true);
ok<Equal<ResponseOf<'/api/calls', 'get'>, Schemas['CallSummaryResponseDto'][]>>(true);
ok<Equal<ResponseOf<'/api/calls', 'post'>, Schemas['CallResponseDto']>>(true);
ok<Equal<ResponseOf<'/api/calls/{id}/follow', 'post'>, never>>(true);
ok<Equal<MethodOf<'/api/calls/{id}'>, 'get' | 'patch'>>(true);
ok<Equal<RequestBodyOf<'/api/calls/{id}', 'patch'>, Schemas['UpdateCallDto']>>(true);
ok<Equal<QueryOf<'/api/applications', 'get'>['page'], number | undefined>>(true);
ok<Equal<ResponseOf<'/api/auth/resend-verification', 'post'>, Schemas['MessageResponseDto']>>(true);
