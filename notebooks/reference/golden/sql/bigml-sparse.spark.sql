SELECT
  q.`id_0` AS `Number vmail messages`,
  q.`p_0` AS `churn_probability`,
  CASE WHEN q.`p_0` >= 0.5E0 THEN 1 ELSE 0 END AS `churn_prediction`
FROM (
  SELECT q.*,
    CASE WHEN q.`z_0` >= 0E0 THEN 1E0 / (1E0 + q.`p_0_e`) ELSE q.`p_0_e` / (1E0 + q.`p_0_e`) END AS `p_0`
  FROM (
    SELECT q.*,
      EXP(GREATEST(-ABS(q.`z_0`), (-745E0))) AS `p_0_e`
    FROM (
      SELECT q.*,
        (-2.057148791716829E0)
            + 0E0 * ((q.`x_0` - 100.62040510127532E0) / 39.556552857325826E0)
            + 0E0 * ((q.`x_1` - 8.021755438859715E0) / 13.609723838672798E0)
            + 0.5030140780198831E0 * ((q.`x_2` - 179.48162040510135E0) / 54.20018228488604E0)
            + 0E0 * ((q.`x_3` - 100.31020255063765E0) / 19.984413116874137E0)
            + 0.11864443800152634E0 * ((q.`x_4` - 200.38615903976006E0) / 50.94195842336368E0)
            + 0E0 * ((q.`x_5` - 100.02363090772693E0) / 20.157663544411502E0)
            + 0E0 * ((q.`x_6` - 201.16894223555968E0) / 50.77079878393386E0)
            + 0E0 * ((q.`x_7` - 100.10615153788447E0) / 19.414816338080637E0)
            + 0.1312543344492177E0 * ((q.`x_8` - 10.23702175543886E0) / 2.7878255819088897E0)
            + (-0.11754071134908671E0) * ((q.`x_9` - 4.467366841710428E0) / 2.455734208100698E0)
            + 0.5046071506447463E0 * ((q.`x_10` - 1.5626406601650413E0) / 1.3109898177456236E0)
            + 0.5218733704184686E0 * ((q.`x_11` - 0.10127531882970743E0) / 0.30169293764628025E0)
            + (-0.2196689616812244E0) * ((q.`x_12` - 0.27494373593398347E0) / 0.4464859213957801E0) AS `z_0`
      FROM (
        SELECT q.*,
          COALESCE(q.`r_0`, 100E0) AS `x_0`,
          COALESCE(q.`r_1`, 0E0) AS `x_1`,
          COALESCE(q.`r_2`, 179.95E0) AS `x_2`,
          COALESCE(q.`r_3`, 101E0) AS `x_3`,
          COALESCE(q.`r_4`, 200.9E0) AS `x_4`,
          COALESCE(q.`r_5`, 100E0) AS `x_5`,
          COALESCE(q.`r_6`, 201.14999999999998E0) AS `x_6`,
          COALESCE(q.`r_7`, 100E0) AS `x_7`,
          COALESCE(q.`r_8`, 10.2E0) AS `x_8`,
          COALESCE(q.`r_9`, 4E0) AS `x_9`,
          COALESCE(q.`r_10`, 1E0) AS `x_10`,
          CASE WHEN q.`t_0` = 'Yes' THEN 1E0 ELSE 0E0 END AS `x_11`,
          CASE WHEN q.`t_1` = 'Yes' THEN 1E0 ELSE 0E0 END AS `x_12`
        FROM (
          SELECT
            `Number vmail messages` AS `id_0`,
            CAST(`Account length` AS DOUBLE) AS `r_0`,
            CAST(`Number vmail messages` AS DOUBLE) AS `r_1`,
            CAST(`Total day minutes` AS DOUBLE) AS `r_2`,
            CAST(`Total day calls` AS DOUBLE) AS `r_3`,
            CAST(`Total eve minutes` AS DOUBLE) AS `r_4`,
            CAST(`Total eve calls` AS DOUBLE) AS `r_5`,
            CAST(`Total night minutes` AS DOUBLE) AS `r_6`,
            CAST(`Total night calls` AS DOUBLE) AS `r_7`,
            CAST(`Total intl minutes` AS DOUBLE) AS `r_8`,
            CAST(`Total intl calls` AS DOUBLE) AS `r_9`,
            CAST(`Customer service calls` AS DOUBLE) AS `r_10`,
            TRIM(CAST(`International plan` AS STRING)) AS `t_0`,
            TRIM(CAST(`Voice mail plan` AS STRING)) AS `t_1`
          FROM `warehouse`.`churn customers`
        ) AS q
      ) AS q
    ) AS q
  ) AS q
) AS q
