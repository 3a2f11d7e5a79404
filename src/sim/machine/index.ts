export * from './fs';
export * from './users';
export * from './image';
export * from './machine';
