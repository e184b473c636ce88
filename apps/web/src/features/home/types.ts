import type { Schemas } from '../../api/client';

/** The reader's to-do list as GET /api/home/todo answers it. */
export type Todo = Schemas['TodoResponseDto'];
export type TodoItem = Schemas['TodoItemDto'];
export type TodoEntry = Schemas['TodoEntryDto'];
export type TodoKind = Schemas['TodoKind'];
