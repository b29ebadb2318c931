import { useMutation } from '@tanstack/react-query';
import { changePasswordMutation } from '../../api/generated/@tanstack/react-query.gen';

export const useChangePassword = () => useMutation(changePasswordMutation());
