/**
 * A marker item saying a one-time seeding already ran against this table (the local demo threads),
 * so a later start does not bring back what a moderator removed since.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from './client';
import { importDb } from './import-writes';
import { seedMarkerKey } from './item-keys';

export const hasSeedMarker = async (name: string): Promise<boolean> => {
  const { Item } = await importDb().send(
    new GetCommand({ TableName: tableName(), Key: seedMarkerKey(name), ConsistentRead: true }),
  );
  return Item !== undefined;
};

export const putSeedMarker = async (name: string, at: string): Promise<void> => {
  await importDb().send(new PutCommand({ TableName: tableName(), Item: { ...seedMarkerKey(name), type: 'seed', at } }));
};
