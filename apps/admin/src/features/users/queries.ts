import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListUsersData, UserDto, UserPage } from '../../api/generated';
import {
  createUserMutation,
  grantRoleMutation,
  listAgenciesOptions,
  listUsersOptions,
  listUsersQueryKey,
  revokeRoleMutation,
  updateUserMutation,
} from '../../api/generated/@tanstack/react-query.gen';

export const useUsers = (query: ListUsersData['query']) => useQuery({ ...listUsersOptions({ query }), placeholderData: keepPreviousData });

const toDirectory = (page: UserPage) => new Map(page.items.map((u) => [u.id, u]));
const toItems = (page: UserPage): UserDto[] => page.items;

/** The people a site manager (or the admin) can see, by id: names for the ids other pages show. */
export const useUserDirectory = (enabled: boolean) => useQuery({ ...listUsersOptions({ query: { pageSize: 200 } }), enabled, select: toDirectory });

/** The people holding a role on a site. */
export const useSitePeople = (siteId: string, enabled: boolean) =>
  useQuery({ ...listUsersOptions({ query: { siteId, pageSize: 200 } }), enabled, select: toItems });

export const useAgencies = (enabled: boolean) => useQuery({ ...listAgenciesOptions(), enabled });

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: listUsersQueryKey() });
}

export function useCreateUser() {
  const onSuccess = useInvalidateUsers();
  return useMutation({ ...createUserMutation(), onSuccess });
}

export function useUpdateUser() {
  const onSuccess = useInvalidateUsers();
  return useMutation({ ...updateUserMutation(), onSuccess });
}

export function useGrantRole() {
  const onSuccess = useInvalidateUsers();
  return useMutation({ ...grantRoleMutation(), onSuccess });
}

export function useRevokeRole() {
  const onSuccess = useInvalidateUsers();
  return useMutation({ ...revokeRoleMutation(), onSuccess });
}
