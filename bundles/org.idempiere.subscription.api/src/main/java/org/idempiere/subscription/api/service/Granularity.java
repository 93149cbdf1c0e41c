package org.idempiere.subscription.api.service;

/**
 * The periods an analytics range is cut into. Weeks are ISO weeks (Monday to Sunday), quarters
 * calendar quarters; the first and the last period are clipped to the range.
 */
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR
}
