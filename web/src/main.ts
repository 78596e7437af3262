import './styles.css';
import { Dashboard } from './dashboard';

void new Dashboard().start();
