import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StackOutputs } from './deploy.js';
import { DEMO_CUSTOMERS, DEMO_LOTS, DEMO_PRICE_LIST, DEMO_PRODUCT_XREFS, DEMO_PRODUCTS, DEMO_TRADING_PARTNERS, DEMO_USERS } from './demo-data.js';
import { useLocalAws } from './settings.js';

/**
 * Writes the demo master data through the same entities the functions use.
 * Records that already exist are left as they are, so re-running never
 * resets stock that orders have used.
 */
export async function seedDemoData(outputs: StackOutputs): Promise<void> {
  useLocalAws();
  process.env.TABLE_NAME = outputs.TableName;
  const { seedMasterData } = await import('./master-data.js');
  await seedMasterData({
    priceList: DEMO_PRICE_LIST,
    customers: DEMO_CUSTOMERS,
    products: DEMO_PRODUCTS,
    lots: DEMO_LOTS,
    tradingPartners: DEMO_TRADING_PARTNERS,
    productXrefs: DEMO_PRODUCT_XREFS,
  });
  const cognito = new CognitoIdentityProviderClient({});
  for (const user of DEMO_USERS) {
    try {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: outputs.UserPoolId,
          Username: user.username,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'name', Value: user.name },
            { Name: 'email', Value: user.email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof Error && error.name === 'UsernameExistsException')) throw error;
    }
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: outputs.UserPoolId, Username: user.username, Password: user.password, Permanent: true }));
    for (const group of user.groups) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: outputs.UserPoolId, Username: user.username, GroupName: group }));
    }
  }
}
