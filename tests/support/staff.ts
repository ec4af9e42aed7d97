import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StackOutputs } from '../../infra/local/deploy.js';

/**
 * A staff user of its own for a test, in the given groups, and an access
 * token obtained the way a staff app does: USER_PASSWORD_AUTH on the staff
 * client (against the emulator's Cognito).
 */
export async function staffToken(outputs: StackOutputs, groups: string[]): Promise<{ username: string; token: string }> {
  const cognito = new CognitoIdentityProviderClient({});
  const username = `staff-${groups.join('-') || 'none'}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const password = `Staff-${Math.random().toString(36).slice(2, 10)}-2026!A`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: outputs.UserPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: `${username}@o2c.example.com` },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: outputs.UserPoolId, Username: username, Password: password, Permanent: true }));
  for (const group of groups) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: outputs.UserPoolId, Username: username, GroupName: group }));
  }
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({ ClientId: outputs.StaffClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  if (!AuthenticationResult?.AccessToken) throw new Error(`no access token for ${username}`);
  return { username, token: AuthenticationResult.AccessToken };
}

/** A product of its own for a test (with a price on the demo list), so stock from other tests never mixes in. */
export async function givenProduct(gtin: string, options: { serialControlled?: boolean; unitPrice?: string } = {}): Promise<void> {
  const { PutItemCommand } = await import('dynamodb-toolbox/entity/actions/put');
  const { ProductEntity, PriceEntryEntity } = await import('../../shared/data/entities/master-data.js');
  const { DEMO_PRICE_LIST } = await import('../../infra/local/demo-data.js');
  await ProductEntity.build(PutItemCommand)
    .item({
      gtin,
      name: `Test device ${gtin}`,
      deviceClass: 'IIb',
      regulatoryStatus: 'RELEASED',
      unitOfMeasure: 'EA',
      lotControlled: true,
      serialControlled: options.serialControlled ?? false,
      shelfLifeDays: 730,
      retentionYears: 15,
    })
    .send();
  await PriceEntryEntity.build(PutItemCommand).item({ priceListId: DEMO_PRICE_LIST.priceListId, gtin, unitPrice: options.unitPrice ?? '10.00' }).send();
}
