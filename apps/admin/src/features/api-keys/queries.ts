import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiKeyMutation, listApiKeysOptions, listApiKeysQueryKey, revokeApiKeyMutation } from '../../api/generated/@tanstack/react-query.gen';

export const useApiKeys = () => useQuery(listApiKeysOptions());

function useInvalidateApiKeys() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: listApiKeysQueryKey() });
}

export function useCreateApiKey() {
  const onSuccess = useInvalidateApiKeys();
  return useMutation({ ...createApiKeyMutation(), onSuccess });
}

export function useRevokeApiKey() {
  const onSuccess = useInvalidateApiKeys();
  return useMutation({ ...revokeApiKeyMutation(), onSuccess });
}
