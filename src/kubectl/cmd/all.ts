/** Registers every verb (imported for its side effect by the entry point). */
import './version';
import './help';
import './groups';
import './create/index';
import './run';
import './config/view';
import './config/contexts';
import './config/entries';
import './config/property';
import './get';
import './apply';
import './delete';
import './label';
import './scale';
import './set';
import './expose';
import './describe';
