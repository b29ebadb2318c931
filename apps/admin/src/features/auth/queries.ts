import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getMe, logout } from '../../api/generated';
import { getMeOptions, getMeQueryKey, loginMutation, updateMeMutation } from '../../api/generated/@tanstack/react-query.gen';
import { session } from '../../api/session';
import { setLanguage } from '../../i18n';

export const useMeQuery = () => useQuery(getMeOptions());

/**
 * Signs in: a fresh cache, the user's own language (from their profile), then the tokens — the last
 * step, because storing them takes the console to the signed-in pages.
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    ...loginMutation(),
    onSuccess: async (pair) => {
      queryClient.clear();
      const { data: me } = await getMe({ auth: pair.accessToken });
      queryClient.setQueryData(getMeQueryKey(), me);
      await setLanguage(me.locale);
      session.store(pair);
    },
  });
}

/** Ends the sign-in here and on the server (the refresh token and its family are revoked). */
export async function signOut() {
  const refreshToken = session.refreshToken();
  session.clear();
  if (refreshToken) await logout({ body: { refreshToken } }).catch(() => undefined);
}

/** PATCH /me: display name or console language. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    ...updateMeMutation(),
    onSuccess: (me) => queryClient.setQueryData(getMeQueryKey(), me),
  });
}
