import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { paths } from '../../../api/schema';

type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

/** A profile body as the API takes it (name, status, offices, criteria, action, validity, reason). */
export type ProfileBody = Body<paths['/api/v1/risk/profiles']['post']>['profile'];
export type ProfileAction = ProfileBody['action'];
export type Criterion = ProfileBody['criteria'];
export type ProfileRow = Ok<paths['/api/v1/risk/profiles']['get']>['items'][number];
export type ProfileDetail = Ok<paths['/api/v1/risk/profiles/{id}']['get']>;
export type ListBody = Body<paths['/api/v1/risk/lists']['post']>['list'];
export type ListSummary = Ok<paths['/api/v1/risk/lists']['get']>['items'][number];
export type ListDetail = Ok<paths['/api/v1/risk/lists/{name}']['get']>;
export type DryRunRequest = Body<paths['/api/v1/risk/dry-run']['post']>;
export type DryRunResult = Ok<paths['/api/v1/risk/dry-run']['post']>;

/** The list kinds the API knows (criteria.schema.ts). */
export const LIST_KINDS = [
  'parties',
  'hs',
  'countries',
  'routes',
  'containers',
  'values',
  'reference-values',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const PROFILE_STATUSES = ['draft', 'active', 'retired'] as const;
export const CHANNELS = ['green', 'yellow', 'red', 'blue'] as const;

/** The API sends a profile's body as it stored it; the console reads it as the body it wrote. */
export const profileBodyOf = (row: { profile: unknown }) => row.profile as ProfileBody;

export const riskRuleKeys = {
  profiles: ['risk', 'profiles'] as const,
  profile: (id: string) => ['risk', 'profiles', id] as const,
  lists: ['risk', 'lists'] as const,
  list: (name: string) => ['risk', 'lists', name] as const,
};

export function useProfiles() {
  return useQuery({
    queryKey: riskRuleKeys.profiles,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/risk/profiles', { signal })).items,
  });
}

export function useProfile(id: string) {
  return useQuery({
    queryKey: riskRuleKeys.profile(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/risk/profiles/{id}', { params: { path: { id } }, signal })),
  });
}

/** Creates a profile (no `id`) or writes a new version of one. */
export function useSaveProfile(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      profile,
      baseVersion,
      note,
    }: {
      profile: ProfileBody;
      baseVersion?: number;
      note?: string;
    }) =>
      id
        ? unwrap(
            await api.PUT('/api/v1/risk/profiles/{id}', {
              params: { path: { id } },
              body: { profile, ...(baseVersion ? { baseVersion } : {}), ...(note ? { note } : {}) },
            }),
          )
        : unwrap(await api.POST('/api/v1/risk/profiles', { body: { profile, ...(note ? { note } : {}) } })),
    onSuccess: async (saved) => {
      client.setQueryData(riskRuleKeys.profile(saved.id), saved);
      await client.invalidateQueries({ queryKey: riskRuleKeys.profiles, exact: true });
    },
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: async (body: DryRunRequest) => unwrap(await api.POST('/api/v1/risk/dry-run', { body })),
  });
}

export function useLists() {
  return useQuery({
    queryKey: riskRuleKeys.lists,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/risk/lists', { signal })).items,
  });
}

export function useList(name: string) {
  return useQuery({
    queryKey: riskRuleKeys.list(name),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/risk/lists/{name}', { params: { path: { name } }, signal })),
  });
}

/** Creates a list (`create`) or writes a new version of it. */
export function useSaveList(create: boolean) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      name,
      list,
      baseVersion,
      note,
    }: {
      name: string;
      list: ListBody;
      baseVersion?: number;
      note?: string;
    }) =>
      create
        ? unwrap(await api.POST('/api/v1/risk/lists', { body: { name, list, ...(note ? { note } : {}) } }))
        : unwrap(
            await api.PUT('/api/v1/risk/lists/{name}', {
              params: { path: { name } },
              body: { list, ...(baseVersion ? { baseVersion } : {}), ...(note ? { note } : {}) },
            }),
          ),
    onSuccess: async (saved) => {
      client.setQueryData(riskRuleKeys.list(saved.name), saved);
      await client.invalidateQueries({ queryKey: riskRuleKeys.lists, exact: true });
    },
  });
}
