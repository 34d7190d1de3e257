SELECT
  q.`id_0` AS `Number vmail messages`,
  q.`p_0` AS `churn_probability`,
  CASE WHEN q.`p_0` >= 0.5E0 THEN 1 ELSE 0 END AS `churn_prediction`,
  q.`g_0` AS `segment`
FROM (
  SELECT q.*,
    CASE WHEN q.`z_0` >= 0E0 THEN 1E0 / (1E0 + q.`p_0_e`) ELSE q.`p_0_e` / (1E0 + q.`p_0_e`) END AS `p_0`
  FROM (
    SELECT q.*,
      EXP(GREATEST(-ABS(q.`z_0`), (-745E0))) AS `p_0_e`
    FROM (
      SELECT q.*,
        (-2.3250107886475977E0)
            + 0.4081270897143094E0 * ((q.`x_0` - 8.021755438859715E0) / 13.609723838672798E0)
            + 0.5372299496090013E0 * ((q.`x_1` - 179.48162040510135E0) / 54.20018228488604E0)
            + 0.2877329908343486E0 * ((q.`x_2` - 200.38615903976006E0) / 50.94195842336368E0)
            + 0.1438365769893871E0 * ((q.`x_3` - 201.16894223555968E0) / 50.77079878393386E0)
            + 0.2768194198435771E0 * ((q.`x_4` - 10.23702175543886E0) / 2.7878255819088897E0)
            + (-0.2895482803900634E0) * ((q.`x_5` - 4.467366841710428E0) / 2.455734208100698E0)
            + 0.6859012118114337E0 * ((q.`x_6` - 1.5626406601650413E0) / 1.3109898177456236E0)
            + 0.6330419207905195E0 * ((q.`x_7` - 0.10127531882970743E0) / 0.30169293764628025E0)
            + (-0.8034254324004779E0) * ((q.`x_8` - 0.27494373593398347E0) / 0.4464859213957801E0)
            + 0.28276043876129137E0 * ((CASE WHEN q.`g_0` = 1 THEN 1E0 ELSE 0E0 END - 0.4111027756939235E0) / 0.4920338235433437E0)
            + 0.11752586732659497E0 * ((CASE WHEN q.`g_0` = 2 THEN 1E0 ELSE 0E0 END - 0.19579894973743436E0) / 0.39681446674629667E0) AS `z_0`
      FROM (
        SELECT q.*,
          CASE WHEN q.`g_0_d0` <= q.`g_0_d1` AND q.`g_0_d0` <= q.`g_0_d2` THEN 0 WHEN q.`g_0_d1` <= q.`g_0_d2` THEN 1 ELSE 2 END AS `g_0`
        FROM (
          SELECT q.*,
            (q.`g_0_s0` - (-0.861383917359973E0)) * (q.`g_0_s0` - (-0.861383917359973E0)) + (q.`g_0_s1` - (-0.3263499221672917E0)) * (q.`g_0_s1` - (-0.3263499221672917E0)) AS `g_0_d0`,
            (q.`g_0_s0` - 0.7650386568111952E0) * (q.`g_0_s0` - 0.7650386568111952E0) + (q.`g_0_s1` - (-0.44099310446179246E0)) * (q.`g_0_s1` - (-0.44099310446179246E0)) AS `g_0_d1`,
            (q.`g_0_s0` - 0.11808828114081592E0) * (q.`g_0_s0` - 0.11808828114081592E0) + (q.`g_0_s1` - 1.577689204936089E0) * (q.`g_0_s1` - 1.577689204936089E0) AS `g_0_d2`
          FROM (
            SELECT q.*,
              (q.`x_1` - 179.48162040510135E0) / 54.20018228488604E0 AS `g_0_s0`,
              (q.`x_6` - 1.5626406601650413E0) / 1.3109898177456236E0 AS `g_0_s1`
            FROM (
              SELECT q.*,
                COALESCE(q.`r_0`, 0E0) AS `x_0`,
                COALESCE(q.`r_1`, 179.95E0) AS `x_1`,
                COALESCE(q.`r_2`, 200.9E0) AS `x_2`,
                COALESCE(q.`r_3`, 201.14999999999998E0) AS `x_3`,
                COALESCE(q.`r_4`, 10.2E0) AS `x_4`,
                COALESCE(q.`r_5`, 4E0) AS `x_5`,
                COALESCE(q.`r_6`, 1E0) AS `x_6`,
                CASE WHEN q.`t_0` = 'Yes' THEN 1E0 ELSE 0E0 END AS `x_7`,
                CASE WHEN q.`t_1` = 'Yes' THEN 1E0 ELSE 0E0 END AS `x_8`
              FROM (
                SELECT
                  `Number vmail messages` AS `id_0`,
                  CAST(`Number vmail messages` AS FLOAT64) AS `r_0`,
                  CAST(`Total day minutes` AS FLOAT64) AS `r_1`,
                  CAST(`Total eve minutes` AS FLOAT64) AS `r_2`,
                  CAST(`Total night minutes` AS FLOAT64) AS `r_3`,
                  CAST(`Total intl minutes` AS FLOAT64) AS `r_4`,
                  CAST(`Total intl calls` AS FLOAT64) AS `r_5`,
                  CAST(`Customer service calls` AS FLOAT64) AS `r_6`,
                  TRIM(CAST(`International plan` AS STRING)) AS `t_0`,
                  TRIM(CAST(`Voice mail plan` AS STRING)) AS `t_1`
                FROM `warehouse`.`churn customers`
              ) AS q
            ) AS q
          ) AS q
        ) AS q
      ) AS q
    ) AS q
  ) AS q
) AS q
