import { useQuery } from '@tanstack/react-query';
import { homeApi } from './api';

export const homeKeys = { todo: ['home', 'todo'] as const };

export function useTodo() {
  return useQuery({ queryKey: homeKeys.todo, queryFn: homeApi.todo });
}
